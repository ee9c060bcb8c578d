<#
.SYNOPSIS
    Patch compliance report for one client's Windows devices.
.DESCRIPTION
    Run by the RMM on a collector device at each client (day 10 and day 14 of the
    patch cycle). Reads the last installed cumulative update and the pending-reboot
    state of each computer in the given OU and writes a CSV to the NOC share.
    Used by docs/patching/workstation-patching.md and docs/patching/server-patching.md.
.EXAMPLE
    .\patch-report.ps1 -Client "Harbour Dental" -SearchBase "OU=Computers,OU=HD,DC=hd,DC=local"
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $Client,
    [Parameter(Mandatory)] [string] $SearchBase,
    [string] $OutputFolder = '\\noc-fs01\reports\patching'
)

$ErrorActionPreference = 'Stop'
$month = Get-Date -Format 'yyyy-MM'
$computers = Get-ADComputer -SearchBase $SearchBase -Filter 'Enabled -eq $true' -Properties LastLogonDate |
    Where-Object { $_.LastLogonDate -gt (Get-Date).AddDays(-30) }

$rows = foreach ($computer in $computers) {
    try {
        $latest = Get-HotFix -ComputerName $computer.Name |
            Sort-Object InstalledOn -Descending | Select-Object -First 1
        $pending = Invoke-Command -ComputerName $computer.Name -ScriptBlock {
            Test-Path 'HKLM:\SOFTWARE\Microsoft\Windows\CurrentVersion\WindowsUpdate\Auto Update\RebootRequired'
        }
        [pscustomobject]@{
            Computer       = $computer.Name
            LastKB         = $latest.HotFixID
            InstalledOn    = $latest.InstalledOn
            PendingReboot  = $pending
            CurrentMonth   = ($latest.InstalledOn -ge (Get-Date -Day 1).Date)
            Reachable      = $true
        }
    } catch {
        [pscustomobject]@{ Computer = $computer.Name; Reachable = $false }
    }
}

$path = Join-Path $OutputFolder "$month-$($Client -replace '\W', '-').csv"
$rows | Export-Csv -Path $path -NoTypeInformation -Encoding UTF8
$compliant = @($rows | Where-Object { $_.CurrentMonth -and -not $_.PendingReboot }).Count
Write-Output ("{0}: {1}/{2} devices compliant, report at {3}" -f $Client, $compliant, @($rows).Count, $path)
