# Pester 6 tests of flash.ps1 (run by Firmware.Tests/Host/FlashScriptTests.cs from the README's test command).
# Each case runs the script as the README does, `dotnet pwsh ./flash.ps1 ...`, in a new process from the repository
# root (where the dotnet tool manifest names PowerShell 7.6.10), against the Firmware executable already built.

BeforeAll {
    $script:Root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $script:Work = Join-Path ([IO.Path]::GetTempPath()) ('flash-pester-' + [guid]::NewGuid().ToString('N'))
    New-Item -ItemType Directory -Path $script:Work | Out-Null
    $env:V2X_FLASH_NO_BUILD = '1'
    $configuration = if ($env:V2X_FLASH_CONFIGURATION) { $env:V2X_FLASH_CONFIGURATION } else { 'Release' }

    function script:Invoke-Flash {
        param([string[]] $Arguments)
        Push-Location $script:Root
        try {
            $output = & dotnet pwsh -NoProfile -NonInteractive -File ./flash.ps1 @Arguments 2>&1 | Out-String
            return [pscustomobject]@{ Code = $LASTEXITCODE; Output = $output }
        }
        finally {
            Pop-Location
        }
    }

    function script:New-File {
        param([string] $Name, [int] $Length)
        $path = Join-Path $script:Work $Name
        $bytes = [byte[]]::new($Length)
        [Random]::new($Length).NextBytes($bytes)
        [IO.File]::WriteAllBytes($path, $bytes)
        return $path
    }

    $script:Oem = Join-Path $script:Work 'oem'
    Push-Location $script:Root
    try {
        & dotnet run --project ./Firmware -c $configuration --no-build -- oem init --dir $script:Oem | Out-Null
        if ($LASTEXITCODE -ne 0) { throw "oem init failed with $LASTEXITCODE" }
    }
    finally {
        Pop-Location
    }

    $script:Bootloader = New-File 'bootloader.bin' 0x5000
    $script:Clr = New-File 'nanoCLR.bin' 0x80000
    $script:Deployment = New-File 'app.bin' 0x10000
}

AfterAll {
    Remove-Item -Recurse -Force $script:Work -ErrorAction SilentlyContinue
}

Describe 'flash.ps1 on a simulated board' {
    It 'writes a signed image set and prints the manifest' {
        $image = Join-Path $script:Work 'obu.bin'
        $r = Invoke-Flash @('--flash', $image, '--oem-dir', $script:Oem, '--create', '--version', '1.2.0')
        $r.Code | Should -Be 0 -Because $r.Output
        $r.Output | Should -Match 'Flashed .*version 1\.2\.0, secure version 1, manifest 1'
        $r.Output | Should -Match 'bootloader\s+\d+ bytes\s+sha256 [0-9a-f]{64}'
        (Get-Item $image).Length | Should -Be 1048576
    }

    It 'refuses without an OEM key, saying how to make one' {
        $image = Join-Path $script:Work 'nokey.bin'
        $r = Invoke-Flash @('--flash', $image, '--oem-dir', (Join-Path $script:Work 'no-such-oem'), '--create')
        $r.Code | Should -Be 1 -Because $r.Output
        $r.Output | Should -Match 'No OEM key at .*oem\.key'
        $r.Output | Should -Match 'oem init --dir'
        Test-Path $image | Should -BeFalse
    }

    It 'refuses an unknown board kind' {
        $r = Invoke-Flash @('--board', 'Esp8266', '--flash', (Join-Path $script:Work 'x.bin'), '--oem-dir', $script:Oem)
        $r.Code | Should -Be 2 -Because $r.Output
        $r.Output | Should -Match "Simulated, Linux or Esp32, not 'Esp8266'"
    }

    It 'refuses an unknown layout' {
        $r = Invoke-Flash @('--flash', (Join-Path $script:Work 'y.bin'), '--oem-dir', $script:Oem, '--create', '--layout', 'obu-huge')
        $r.Code | Should -Be 2 -Because $r.Output
        $r.Output | Should -Match "obu-small or obu-64m, not 'obu-huge'"
    }

    It 'refuses a flash smaller than the layout and writes nothing' {
        $image = Join-Path $script:Work 'small.bin'
        $r = Invoke-Flash @('--flash', $image, '--oem-dir', $script:Oem, '--create', '--flash-size', '512K')
        $r.Code | Should -Be 1 -Because $r.Output
        $r.Output | Should -Match 'sim-obu-1m layout needs 1024 KiB of flash; this board has 512 KiB'
        Test-Path $image | Should -BeFalse
    }
}

Describe 'flash.ps1 for an ESP32 board' {
    It 'prepares the deployment set and prints the nanoff commands without flashing' {
        $out = Join-Path $script:Work 'esp32'
        $r = Invoke-Flash @('--board', 'Esp32', '--oem-dir', $script:Oem, '--out', $out, '--bootloader', $script:Bootloader, '--clr', $script:Clr,
            '--app-image', $script:Deployment, '--port', '/dev/ttyUSB1')
        $r.Code | Should -Be 0 -Because $r.Output
        foreach ($file in 'partition-table.bin', 'bootloader.bin', 'nanoCLR.bin', 'deployment.bin', 'idf.bin', 'manifest.oem', 'policy.oem',
            'oem-public-key.bin', 'Firmware.Nano.dll', 'flash-commands.txt') {
            Test-Path (Join-Path $out $file) | Should -BeTrue -Because "$file belongs to the deployment set"
        }
        (Get-Item (Join-Path $out 'partition-table.bin')).Length | Should -Be 0xC00
        (Get-Item (Join-Path $out 'oem-public-key.bin')).Length | Should -Be 64
        $r.Output | Should -Match 'nanoff --update --target ESP32_PSRAM_REV0 --serialport /dev/ttyUSB1 --clrfile'
        $r.Output | Should -Match 'nanoff .*--deploy --image .*idf\.bin" --address 0x3A0000'
        $r.Output | Should -Match 'nanoff .*--deploy --image .*deployment\.bin" --address 0x1D0000'
        $r.Output | Should -Match 'Nothing was written to a board\.'
        (Get-Content (Join-Path $out 'flash-commands.txt')).Count | Should -Be 4
    }

    It 'refuses an ESP32 board with too little flash' {
        $r = Invoke-Flash @('--board', 'Esp32', '--oem-dir', $script:Oem, '--out', (Join-Path $script:Work 'esp32-2m'), '--bootloader', $script:Bootloader,
            '--clr', $script:Clr, '--app-image', $script:Deployment, '--flash-size', '2M')
        $r.Code | Should -Be 1 -Because $r.Output
        $r.Output | Should -Match 'esp32-obu-4m layout needs 4096 KiB of flash; this board has 2048 KiB'
        Test-Path (Join-Path $script:Work 'esp32-2m') | Should -BeFalse
    }

    It 'refuses an ESP32 set without the nanoCLR image' {
        $r = Invoke-Flash @('--board', 'Esp32', '--oem-dir', $script:Oem, '--out', (Join-Path $script:Work 'esp32-noclr'), '--bootloader', $script:Bootloader,
            '--app-image', $script:Deployment)
        $r.Code | Should -Be 2 -Because $r.Output
        $r.Output | Should -Match 'needs --clr FILE'
    }

    It 'refuses an ESP32 layout it does not know' {
        $r = Invoke-Flash @('--board', 'Esp32', '--layout', 'esp32-obu-16m', '--oem-dir', $script:Oem, '--out', (Join-Path $script:Work 'esp32-x'))
        $r.Code | Should -Be 2 -Because $r.Output
        $r.Output | Should -Match "esp32-obu-4m, not 'esp32-obu-16m'"
    }
}
