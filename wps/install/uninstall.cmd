@echo off
rem 卸载“区县妇联工作评价”WPS 加载项（双击运行）。
powershell -NoProfile -ExecutionPolicy Bypass -File "%~dp0install.ps1" -Remove
pause
