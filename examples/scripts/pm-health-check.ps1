<#
.SYNOPSIS
    Quarterly preventive maintenance health check for a Windows server.
.DESCRIPTION
    Run from the RMM against each server in the quarterly PM ticket
    (docs/operations/preventive-maintenance.md). Prints a short report that the
    engineer attaches to the ticket.
#>
[CmdletBinding()]
param([int] $EventLogDays = 90)

$since = (Get-Date).AddDays(-$EventLogDays)
$os = Get-CimInstance Win32_OperatingSystem

"== $env:COMPUTERNAME =="
"Uptime (days): {0:N1}" -f ((Get-Date) - $os.LastBootUpTime).TotalDays

"-- Volumes --"
Get-Volume | Where-Object DriveLetter | ForEach-Object {
    "{0}: {1:N1} GB free of {2:N1} GB" -f $_.DriveLetter, ($_.SizeRemaining / 1GB), ($_.Size / 1GB)
}

"-- Physical disks --"
Get-PhysicalDisk | Select-Object FriendlyName, MediaType, HealthStatus, OperationalStatus | Format-Table -AutoSize | Out-String

"-- Errors in System log since $($since.ToString('yyyy-MM-dd')) (top 10 sources) --"
Get-WinEvent -FilterHashtable @{ LogName = 'System'; Level = 2; StartTime = $since } -ErrorAction SilentlyContinue |
    Group-Object ProviderName | Sort-Object Count -Descending | Select-Object -First 10 Count, Name |
    Format-Table -AutoSize | Out-String

"-- Automatic services not running --"
Get-CimInstance Win32_Service -Filter "StartMode='Auto' AND State<>'Running'" |
    Select-Object Name, DisplayName, State | Format-Table -AutoSize | Out-String
