#!/usr/bin/env pwsh
# Builds a firmware image set (bootloader, os, idf and app images, the OEM-signed reference
# manifest and detection policy) and writes it to a board: the simulated board's flash image file.
# A thin wrapper: the logic is the `flash` subcommand of the Firmware executable (Firmware/Host/FlashCommand.cs).
#
#   ./flash.ps1 --flash obu.bin --oem-dir oem --create [--layout obu-small|obu-64m] [--version 1.0.0] [--secure-version 1]
#   (create the OEM key first: dotnet run --project Firmware -- oem init --dir oem)
dotnet run --project "$PSScriptRoot/Firmware" -- flash @args
exit $LASTEXITCODE
