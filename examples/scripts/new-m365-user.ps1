<#
.SYNOPSIS
    Creates a client user in Microsoft 365 from the new-starter form values.
.DESCRIPTION
    Used by docs/clients/employee-onboarding.md. Connects with Microsoft Graph
    (delegated, through GDAP), creates the user, sets the manager, adds the
    licence group and copies the security groups of a "like" user. Shared
    mailbox permissions are NOT copied; check them by hand.
.EXAMPLE
    .\new-m365-user.ps1 -TenantId contoso.onmicrosoft.com -FirstName Ana -LastName Ortiz `
        -Domain contoso.com -JobTitle "Dental nurse" -Department Clinical `
        -ManagerUpn sam.lee@contoso.com -LikeUserUpn jo.kim@contoso.com -LicenceGroup "LIC-M365-BP"
#>
[CmdletBinding(SupportsShouldProcess)]
param(
    [Parameter(Mandatory)] [string] $TenantId,
    [Parameter(Mandatory)] [string] $FirstName,
    [Parameter(Mandatory)] [string] $LastName,
    [Parameter(Mandatory)] [string] $Domain,
    [string] $JobTitle,
    [string] $Department,
    [Parameter(Mandatory)] [string] $ManagerUpn,
    [Parameter(Mandatory)] [string] $LikeUserUpn,
    [Parameter(Mandatory)] [string] $LicenceGroup
)

Connect-MgGraph -TenantId $TenantId -Scopes 'User.ReadWrite.All', 'GroupMember.ReadWrite.All' | Out-Null

$upn = ('{0}.{1}@{2}' -f $FirstName, $LastName, $Domain).ToLower() -replace '\s', ''
$password = [System.Web.Security.Membership]::GeneratePassword(20, 4)

if ($PSCmdlet.ShouldProcess($upn, 'Create user')) {
    $user = New-MgUser -DisplayName "$FirstName $LastName" -GivenName $FirstName -Surname $LastName `
        -UserPrincipalName $upn -MailNickname ($upn.Split('@')[0]) -JobTitle $JobTitle -Department $Department `
        -UsageLocation 'GB' -AccountEnabled `
        -PasswordProfile @{ Password = $password; ForceChangePasswordNextSignIn = $true }

    $manager = Get-MgUser -UserId $ManagerUpn
    Set-MgUserManagerByRef -UserId $user.Id -BodyParameter @{ '@odata.id' = "https://graph.microsoft.com/v1.0/users/$($manager.Id)" }

    $licence = Get-MgGroup -Filter "displayName eq '$LicenceGroup'"
    New-MgGroupMember -GroupId $licence.Id -DirectoryObjectId $user.Id

    $like = Get-MgUser -UserId $LikeUserUpn
    Get-MgUserMemberOf -UserId $like.Id -All |
        Where-Object { $_.AdditionalProperties.securityEnabled -and -not $_.AdditionalProperties.onPremisesSyncEnabled } |
        ForEach-Object { New-MgGroupMember -GroupId $_.Id -DirectoryObjectId $user.Id }

    Write-Output "Created $upn. Give the manager a Temporary Access Pass by phone; do not send the password."
}
