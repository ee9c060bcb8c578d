<#
.SYNOPSIS
    Installs the RMM agent from a site-specific installer if it is not present.
.DESCRIPTION
    Deployed as a computer startup script by GPO for domain-joined clients without
    Intune (docs/operations/rmm-agent-deployment.md). The installer for the
    client's site is copied to NETLOGON by the engineer beforehand.
#>
param(
    [string] $Installer = "\\$env:USERDNSDOMAIN\NETLOGON\rmm\AgentSetup_Site.msi",
    [string] $ServiceName = 'RMMAgent'
)

if (Get-Service -Name $ServiceName -ErrorAction SilentlyContinue) {
    exit 0   # already installed
}
if (-not (Test-Path $Installer)) {
    Write-EventLog -LogName Application -Source 'Application' -EventId 4100 -EntryType Warning `
        -Message "RMM agent installer not found at $Installer"
    exit 1
}
$log = Join-Path $env:TEMP 'rmm-agent-install.log'
$process = Start-Process msiexec.exe -ArgumentList "/i `"$Installer`" /qn /norestart /l*v `"$log`"" -Wait -PassThru
exit $process.ExitCode
