#!/usr/bin/env pwsh
# Prepares firmware for a board. A thin wrapper: the logic is the `flash` subcommand of the Firmware executable
# (Firmware/Host/FlashCommand.cs and Esp32FlashCommand.cs), where the tests reach it.
#
#   Simulated board: builds the signed image set (bootloader, os, idf, app, OEM-signed manifest and policy) and writes it
#   to the board's flash image file.
#     dotnet pwsh ./flash.ps1 --flash obu.bin --oem-dir oem --create [--layout obu-small|obu-64m] [--flash-size 1M]
#                             [--version 1.0.0] [--secure-version 1]
#   ESP32 board (.NET nanoFramework, Docs/mcu.md): prepares and signs the deployment set and prints the nanoff commands;
#   it writes nothing to a board.
#     dotnet pwsh ./flash.ps1 --board Esp32 --oem-dir oem --out deploy --bootloader bootloader.bin --clr nanoCLR.bin
#                             --app-image app.bin [--flash-size 4M] [--port /dev/ttyUSB0] [--target ESP32_PSRAM_REV0]
#   (create the OEM key first: dotnet run --project Firmware -- oem init --dir oem)
#
# Exit codes: 0 done; 1 refused (no OEM key, a flash smaller than the layout, an image that does not fit);
# 2 usage (an unknown board or layout, a missing option).
# V2X_FLASH_NO_BUILD=1 runs the executable as already built; V2X_FLASH_CONFIGURATION picks Release (default) or Debug.
$configuration = if ($env:V2X_FLASH_CONFIGURATION) { $env:V2X_FLASH_CONFIGURATION } else { 'Release' }
$build = @()
if ($env:V2X_FLASH_NO_BUILD -eq '1') { $build = @('--no-build') }
dotnet run --project "$PSScriptRoot/Firmware" -c $configuration @build -- flash @args
exit $LASTEXITCODE
