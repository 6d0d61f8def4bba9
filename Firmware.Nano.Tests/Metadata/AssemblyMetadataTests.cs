using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using Firmware.Nano.Crypto;

namespace Firmware.Nano.Tests.Metadata;

/// <summary>
/// The built Firmware.Nano.dll is something the nanoFramework tool chain can take (Docs/mcu.md): it references
/// nanoFramework.CoreLibrary's mscorlib 1.17.11 and nothing else, and holds no generic instantiation (no MethodSpec
/// row, no TypeSpec whose signature is GENERICINST, ECMA-335 §II.22.29, §II.23.2.14), no generic definition, and no
/// type the compiler embeds for newer language features.
/// </summary>
public sealed class AssemblyMetadataTests
{
    private static readonly string LibraryPath = typeof(Sha256).Assembly.Location;

    [Fact]
    public void The_only_reference_is_nanoFrameworks_mscorlib_1_17_11()
    {
        using var pe = new PEReader(File.OpenRead(LibraryPath));
        var md = pe.GetMetadataReader();
        var references = md.AssemblyReferences.Select(h => md.GetAssemblyReference(h)).Select(r => (md.GetString(r.Name), r.Version)).ToList();
        Assert.Equal([("mscorlib", new Version(1, 17, 11, 0))], references);
        Assert.Equal(0, md.GetTableRowCount(TableIndex.ModuleRef));
    }

    [Fact]
    public void No_generic_instantiation_or_definition()
    {
        using var pe = new PEReader(File.OpenRead(LibraryPath));
        var md = pe.GetMetadataReader();
        Assert.Equal(0, md.GetTableRowCount(TableIndex.MethodSpec));
        Assert.Equal(0, md.GetTableRowCount(TableIndex.GenericParam));
        for (var row = 1; row <= md.GetTableRowCount(TableIndex.TypeSpec); row++)
        {
            var spec = md.GetTypeSpecification(MetadataTokens.TypeSpecificationHandle(row));
            var blob = md.GetBlobReader(spec.Signature);
            Assert.NotEqual(SignatureTypeCode.GenericTypeInstance, blob.ReadSignatureTypeCode());
        }

        // Member references into generic types (List<T>.Add and the like) go through a TypeSpec parent: none above.
        foreach (var handle in md.MemberReferences)
        {
            Assert.NotEqual(HandleKind.TypeSpecification, md.GetMemberReference(handle).Parent.Kind);
        }
    }

    [Fact]
    public void No_compiler_embedded_types()
    {
        using var pe = new PEReader(File.OpenRead(LibraryPath));
        var md = pe.GetMetadataReader();
        var embedded = md.TypeDefinitions.Select(h => md.GetTypeDefinition(h))
            .Select(t => md.GetString(t.Namespace) + "." + md.GetString(t.Name))
            .Where(n => n.StartsWith("System.", StringComparison.Ordinal) || n.StartsWith("Microsoft.", StringComparison.Ordinal))
            .ToList();
        Assert.Empty(embedded);
    }

    [Fact]
    public void The_library_is_the_built_one_and_defines_the_mcu_namespaces()
    {
        using var pe = new PEReader(File.OpenRead(LibraryPath));
        var md = pe.GetMetadataReader();
        var namespaces = md.TypeDefinitions.Select(h => md.GetString(md.GetTypeDefinition(h).Namespace)).Where(n => n.Length > 0).Distinct().Order().ToList();
        Assert.Equal(
            ["Firmware.Nano.Board", "Firmware.Nano.Boot", "Firmware.Nano.Counters", "Firmware.Nano.Crypto", "Firmware.Nano.Detection", "Firmware.Nano.Integrity",
             "Firmware.Nano.Oer", "Firmware.Nano.Partition", "Firmware.Nano.Policy", "Firmware.Nano.SecureElement", "Firmware.Nano.Security"],
            namespaces);
    }
}
