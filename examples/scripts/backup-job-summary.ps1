<#
.SYNOPSIS
    Weekly summary of backup results exported from the backup console.
.DESCRIPTION
    Reads the console's "Job sessions" CSV export for the last 7 days and lists, per
    client and protected system, the newest successful restore point and any gap
    longer than 48 hours. Used by docs/backups/daily-backup-check.md.
#>
param(
    [Parameter(Mandatory)] [string] $SessionsCsv,
    [int] $MaxGapHours = 48
)

$sessions = Import-Csv $SessionsCsv | ForEach-Object {
    $_.EndTime = [datetime]$_.EndTime
    $_
}

$sessions | Where-Object Result -eq 'Success' |
    Group-Object Client, ProtectedSystem | ForEach-Object {
        $newest = ($_.Group | Sort-Object EndTime -Descending | Select-Object -First 1).EndTime
        $age = ((Get-Date) - $newest).TotalHours
        [pscustomobject]@{
            Client          = $_.Group[0].Client
            System          = $_.Group[0].ProtectedSystem
            LastGoodBackup  = $newest
            AgeHours        = [math]::Round($age, 1)
            OverLimit       = $age -gt $MaxGapHours
        }
    } | Sort-Object OverLimit, Client -Descending | Format-Table -AutoSize
