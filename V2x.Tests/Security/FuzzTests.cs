using Testing.Fuzz;
using V2x.Integrity;
using V2x.Security;
using V2x.Security.Crypto;
using V2x.Security.Signing;

namespace V2x.Tests.Security;

/// <summary>
/// 100 000 mutated signed messages through decode-and-verify: each ends in success or in the typed
/// decode / verify error (both derive from V2xException); nothing else escapes, memory stays bounded.
/// </summary>
[Collection(MemoryBoundCollection.Name)]
public sealed class FuzzTests
{
    [Fact]
    public void Mutated_signed_messages_end_in_success_or_a_typed_error()
    {
        const int iterations = 100_000;
        var pki = new TestPki(SignatureAlgorithm.EcdsaNistP256);
        var report = new IntegrityReport(IntegrityLevel.NoAnomaly, DetectorFlags.None, 7, 42, TestPki.Now);
        byte[][] seeds =
        [
            pki.Signer.SignPayload(TestPki.CamPayload(), Psid.Cam, TestPki.Now, SignerChoice.Certificate),
            pki.Signer.SignPayload(TestPki.CamPayload(), Psid.Cam, TestPki.Now, SignerChoice.Digest),
            pki.Signer.SignPayload(TestPki.CamPayload(), IntegrityReportExtension.Put(new HeaderInfo { Psid = Psid.Denm, GenerationTime = TestPki.Now }, report), SignerChoice.Digest),
            Hex.Parse(ExternalVectors.VwGolfCam),
        ];

        using var cache = new VerificationKeyCache(capacity: 64);
        var verifier = pki.NewVerifier(cache);
        verifier.DecodeAndVerify(seeds[0]);
        var mutator = new Mutator(seed: 20260301);
        var outcomes = new Dictionary<string, int>();
        GC.Collect();
        var before = GC.GetTotalMemory(forceFullCollection: true);

        for (var i = 0; i < iterations; i++)
        {
            var input = mutator.Mutate(seeds[i % seeds.Length]);
            string outcome;
            try
            {
                verifier.DecodeAndVerify(input);
                outcome = "verified";
            }
            catch (DecodeException)
            {
                outcome = "decode error";
            }
            catch (VerificationException e)
            {
                outcome = e.Failure.ToString();
            }
            catch (Exception e)
            {
                Assert.Fail($"iteration {i} (seed {mutator.Seed}, {string.Join('+', mutator.LastMutations)}): {e.GetType().Name}: {e.Message}\n{Hex.Of(input)}");
                throw;
            }

            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
        }

        var after = GC.GetTotalMemory(forceFullCollection: true);
        Assert.True(after - before < 32 * 1024 * 1024, $"memory grew by {after - before} bytes");
        Assert.True(cache.Count <= cache.Capacity);
        Assert.True(outcomes.GetValueOrDefault("decode error") > iterations / 10, string.Join(", ", outcomes));
        Assert.True(outcomes.GetValueOrDefault(nameof(VerificationFailure.BadSignature)) > iterations / 20, string.Join(", ", outcomes));
    }

    [Theory]
    [InlineData(SignatureAlgorithm.EcdsaBrainpoolP256r1)]
    [InlineData(SignatureAlgorithm.Sm2)]
    public void Mutated_bouncycastle_signed_messages_end_in_success_or_a_typed_error(SignatureAlgorithm algorithm)
    {
        // BouncyCastle verification is slower than OpenSSL's, so these rows run fewer iterations.
        const int iterations = 10_000;
        var pki = new TestPki(algorithm);
        byte[][] seeds =
        [
            pki.Signer.SignPayload(TestPki.CamPayload(), Psid.Cam, TestPki.Now, SignerChoice.Certificate),
            pki.Signer.SignPayload(TestPki.CamPayload(), Psid.Cam, TestPki.Now, SignerChoice.Digest),
        ];
        using var cache = new VerificationKeyCache(capacity: 16);
        var verifier = pki.NewVerifier(cache);
        verifier.DecodeAndVerify(seeds[0]);
        var mutator = new Mutator(seed: (int)algorithm + 1609);
        var typed = 0;
        for (var i = 0; i < iterations; i++)
        {
            var input = mutator.Mutate(seeds[i % seeds.Length]);
            try
            {
                verifier.DecodeAndVerify(input);
            }
            catch (V2xException)
            {
                typed++;
            }
            catch (Exception e)
            {
                Assert.Fail($"iteration {i} (seed {mutator.Seed}, {string.Join('+', mutator.LastMutations)}): {e.GetType().Name}: {e.Message}\n{Hex.Of(input)}");
                throw;
            }
        }

        Assert.True(typed > iterations / 2, $"{typed} typed errors");
        Assert.True(cache.Count <= cache.Capacity);
    }

    [Fact]
    public void The_mutator_is_reproducible_from_its_seed()
    {
        var input = TestPki.CamPayload();
        var a = new Mutator(5);
        var b = new Mutator(5);
        for (var i = 0; i < 100; i++)
        {
            Assert.Equal(a.Mutate(input), b.Mutate(input));
        }

        Assert.NotEqual(new Mutator(6).Mutate(input), new Mutator(5).Mutate(input));
    }
}
