using System.Security.Cryptography;
using Hardware.Security;
using Testing;

namespace Hardware.Tests.Security;

/// <summary>
/// The same behaviour table against both key stores: the in-memory store and the PKCS#11 store on
/// the real SoftHSM2 bench token (source .state/env first). Every PKCS#11 label starts with a
/// unique prefix and is deleted at the end.
/// </summary>
public sealed class KeyStoreTests : IDisposable
{
    private readonly string _prefix = "hw-test-" + Guid.NewGuid().ToString("N")[..8] + "-";
    private readonly List<(IKeyStore Store, string Label)> _created = [];
    private readonly Pkcs11KeyStore _pkcs11 = new(new Pkcs11KeyStoreOptions
    {
        ModulePath = TestInfra.Pkcs11Library,
        TokenLabel = TestInfra.TokenLabel,
        UserPin = TestInfra.TokenPin,
    });

    private readonly InMemoryKeyStore _memory = new();

    public static TheoryData<string> Stores => new() { "pkcs11", "memory" };

    [Theory]
    [MemberData(nameof(Stores))]
    public void Generate_sign_and_verify_with_dotnet(string store)
    {
        var keys = Store(store);
        var label = Label(keys, "sign");
        var publicKey = keys.Generate(label);
        var digest = SHA256.HashData("augmented CAM"u8);

        var signature = keys.SignDigest(label, digest);

        Assert.Equal(65, publicKey.Length);
        Assert.Equal(0x04, publicKey[0]);
        Assert.Equal(publicKey, keys.GetPublicKey(label));
        using var verifier = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = publicKey[1..33], Y = publicKey[33..] },
        });
        Assert.True(verifier.VerifyHash(digest, signature.ToP1363()));
        digest[0] ^= 1;
        Assert.False(verifier.VerifyHash(digest, signature.ToP1363()));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public void Delete_removes_the_key_and_list_follows(string store)
    {
        var keys = Store(store);
        var label = Label(keys, "delete");
        keys.Generate(label);
        Assert.Contains(label, keys.List());

        Assert.True(keys.Delete(label));

        Assert.DoesNotContain(label, keys.List());
        Assert.False(keys.Delete(label));
        var e = Assert.Throws<KeyStoreException>(() => keys.SignDigest(label, new byte[32]));
        Assert.Equal(KeyStoreError.KeyNotFound, e.Error);
    }

    public static TheoryData<string, string, Func<IKeyStore, string, object>, Type> Failures => new()
    {
        { "pkcs11", "unknown label on sign", (k, l) => k.SignDigest(l + "x", new byte[32]), typeof(KeyStoreException) },
        { "memory", "unknown label on sign", (k, l) => k.SignDigest(l + "x", new byte[32]), typeof(KeyStoreException) },
        { "pkcs11", "unknown label on public key", (k, l) => k.GetPublicKey(l + "x"), typeof(KeyStoreException) },
        { "memory", "unknown label on public key", (k, l) => k.GetPublicKey(l + "x"), typeof(KeyStoreException) },
        { "pkcs11", "label taken", (k, l) => k.Generate(l), typeof(KeyStoreException) },
        { "memory", "label taken", (k, l) => k.Generate(l), typeof(KeyStoreException) },
        { "pkcs11", "31-byte digest", (k, l) => k.SignDigest(l, new byte[31]), typeof(ArgumentException) },
        { "memory", "33-byte digest", (k, l) => k.SignDigest(l, new byte[33]), typeof(ArgumentException) },
        { "pkcs11", "empty label", (k, l) => k.Generate(string.Empty), typeof(ArgumentException) },
        { "memory", "label with a space", (k, l) => k.Generate("a b"), typeof(ArgumentException) },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void Rejected_calls_leave_the_store_unchanged(string store, string name, Func<IKeyStore, string, object> call, Type error)
    {
        var keys = Store(store);
        var label = Label(keys, "fail");
        var publicKey = keys.Generate(label);
        var before = keys.List();

        var thrown = Record.Exception(() => call(keys, label));

        Assert.True(thrown is not null && error.IsInstanceOfType(thrown), $"{name}: {thrown}");
        Assert.Equal(before, keys.List());
        Assert.Equal(publicKey, keys.GetPublicKey(label));
    }

    [Fact]
    public void Pkcs11_private_key_is_sensitive_and_cannot_be_read_out()
    {
        var label = Label(_pkcs11, "sealed");
        _pkcs11.Generate(label);

        var protection = _pkcs11.InspectProtection(label);

        Assert.True(protection.Sensitive);
        Assert.False(protection.Extractable);
        Assert.True(protection.NeverExtractable);
        Assert.False(protection.ValueReadable);
        Assert.True(protection.IsSealed);
    }

    [Fact]
    public void Pkcs11_signs_from_many_threads()
    {
        var label = Label(_pkcs11, "threads");
        var publicKey = _pkcs11.Generate(label);
        using var verifier = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = publicKey[1..33], Y = publicKey[33..] },
        });

        var results = new bool[64];
        Parallel.For(0, results.Length, i =>
        {
            var digest = SHA256.HashData(BitConverter.GetBytes(i));
            results[i] = verifier.VerifyHash(digest, _pkcs11.SignDigest(label, digest).ToP1363());
        });

        Assert.All(results, Assert.True);
    }

    [Fact]
    public void Pkcs11_many_stores_generate_use_and_delete_at_once()
    {
        // Four stores on one module, as the bench demo's four OBUs: concurrent key generation on SoftHSM2's file
        // object store, beside look-ups and signatures on other sessions, used to fail now and then with
        // CKR_TEMPLATE_INCONSISTENT (SoftHSMv2 issue #573).
        var stores = Enumerable.Range(0, 4).Select(_ => new Pkcs11KeyStore(new Pkcs11KeyStoreOptions
        {
            ModulePath = TestInfra.Pkcs11Library,
            TokenLabel = TestInfra.TokenLabel,
            UserPin = TestInfra.TokenPin,
        })).ToList();
        try
        {
            var labels = Enumerable.Range(0, 96).Select(i => (Store: stores[i % stores.Count], Label: _prefix + "par-" + i)).ToList();
            var verified = new bool[labels.Count];
            var deleted = new bool[labels.Count];

            Parallel.For(0, labels.Count, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
            {
                var (store, label) = labels[i];
                var publicKey = store.Generate(label);
                Assert.Equal(publicKey, store.GetPublicKey(label));
                using var verifier = ECDsa.Create(new ECParameters
                {
                    Curve = ECCurve.NamedCurves.nistP256,
                    Q = new ECPoint { X = publicKey[1..33], Y = publicKey[33..] },
                });
                var digest = SHA256.HashData(BitConverter.GetBytes(i));
                verified[i] = verifier.VerifyHash(digest, store.SignDigest(label, digest).ToP1363());
                _ = store.List();
                deleted[i] = store.Delete(label);
            });

            Assert.All(verified, Assert.True);
            Assert.All(deleted, Assert.True);
            Assert.DoesNotContain(stores[0].List(), l => l.StartsWith(_prefix + "par-", StringComparison.Ordinal));
        }
        finally
        {
            foreach (var store in stores)
            {
                store.Dispose();
            }
        }
    }

    [Fact]
    public void Pkcs11_wrong_pin_is_a_typed_error()
    {
        var e = Assert.Throws<KeyStoreException>(() => new Pkcs11KeyStore(new Pkcs11KeyStoreOptions
        {
            ModulePath = TestInfra.Pkcs11Library,
            TokenLabel = TestInfra.TokenLabel,
            UserPin = TestInfra.TokenPin + "-wrong",
        }));
        Assert.Equal(KeyStoreError.DeviceError, e.Error);
    }

    [Fact]
    public void Pkcs11_unknown_token_is_a_typed_error()
    {
        var e = Assert.Throws<KeyStoreException>(() => new Pkcs11KeyStore(new Pkcs11KeyStoreOptions
        {
            ModulePath = TestInfra.Pkcs11Library,
            TokenLabel = "no-such-token",
            UserPin = TestInfra.TokenPin,
        }));
        Assert.Equal(KeyStoreError.DeviceError, e.Error);
    }

    public void Dispose()
    {
        foreach (var (store, label) in _created)
        {
            store.Delete(label);
        }

        _pkcs11.Dispose();
        _memory.Dispose();
    }

    private IKeyStore Store(string name) => name == "pkcs11" ? _pkcs11 : _memory;

    private string Label(IKeyStore store, string what)
    {
        var label = _prefix + what;
        _created.Add((store, label));
        return label;
    }
}
