# 安装、更新或卸载“区县妇联工作评价”WPS 表格加载项（离线包），Windows。
#
#   双击 install.cmd（或 powershell -ExecutionPolicy Bypass -File install.ps1）   安装或更新
#   uninstall.cmd（或 install.ps1 -Remove）                                       卸载
#
# 把 __NAME_____VERSION__ 复制到 %APPDATA%\kingsoft\wps\jsaddons，并在其中的 publish.xml 中
# 写入（或删去）name="__NAME__" 的一项。其他加载项的项原样保留，改动前的文件另存为 publish.xml.bak。
# （Kingsoft 的 wpsjs build --exe 安装程序会用只含自己的一项的文件覆盖 publish.xml：这里不这样做。）
# 改完请重新启动 WPS。
param([switch]$Remove)
$ErrorActionPreference = 'Stop'
$Name = '__NAME__'
$Version = '__VERSION__'
$Here = Split-Path -Parent $MyInvocation.MyCommand.Path
$Dir = if ($env:WPS_JSADDONS) { $env:WPS_JSADDONS } else { Join-Path $env:APPDATA 'kingsoft\wps\jsaddons' }
$Xml = Join-Path $Dir 'publish.xml'
$Folder = "${Name}_$Version"

if (-not $Remove -and -not (Test-Path (Join-Path $Here $Folder))) { throw "找不到 $Folder 目录：请在解压后的离线包目录中运行。" }
New-Item -ItemType Directory -Force -Path $Dir | Out-Null

# Read the list as XML (a malformed file stops here, unchanged); drop only this add-in's entries.
$doc = New-Object System.Xml.XmlDocument
if ((Test-Path $Xml) -and (Get-Item $Xml).Length -gt 0) { $doc.Load($Xml); Copy-Item $Xml "$Xml.bak" -Force }
if ($null -eq $doc.DocumentElement) { [void]$doc.AppendChild($doc.CreateElement('jsplugins')) }
$root = $doc.DocumentElement
foreach ($node in @($root.ChildNodes | Where-Object { $_.NodeType -eq 'Element' -and $_.GetAttribute('name') -eq $Name })) { [void]$root.RemoveChild($node) }

if (-not $Remove) {
  $target = Join-Path $Dir $Folder
  if (Test-Path $target) { Remove-Item $target -Recurse -Force }
  Copy-Item (Join-Path $Here $Folder) $target -Recurse
  $entry = $doc.CreateElement('jsplugin')
  foreach ($pair in @(@('name', $Name), @('type', 'et'), @('url', $Folder), @('version', $Version), @('enable', 'enable_dev'), @('install', 'null'), @('customDomain', ''))) { $entry.SetAttribute($pair[0], $pair[1]) }
  [void]$root.AppendChild($entry)
}
$settings = New-Object System.Xml.XmlWriterSettings
$settings.Indent = $true
$settings.Encoding = New-Object System.Text.UTF8Encoding($false)
$writer = [System.Xml.XmlWriter]::Create($Xml, $settings)
$doc.Save($writer)
$writer.Close()

# Other versions of this add-in only (never another add-in's folder).
Get-ChildItem $Dir -Directory -Filter "${Name}_*" | Where-Object { $Remove -or $_.Name -ne $Folder } | Remove-Item -Recurse -Force
if ($Remove) { Write-Host "已卸载 $Name。请重新启动 WPS。" } else { Write-Host "已安装 $Name $Version 到 $Dir。请重新启动 WPS。" }
