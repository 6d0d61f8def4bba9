using System.Net;
using System.Net.Http.Headers;
using Pki.Authorities;
using Pki.Tests.Authorities;
using PkiProtocol;
using PkiProtocol.Client;
using PkiProtocol.Messages;
using PkiProtocol.Misbehaviour;
using PkiProtocol.Protocol;
using V2x.Integrity;
using V2x.Security;
using V2x.Security.Crypto;

namespace Pki.Tests.Service;

/// <summary>The real service on loopback (Kestrel on 127.0.0.1, port 0) with the station client.</summary>
public sealed class ServiceTests
{
    [Fact]
    public async Task The_service_speaks_https_and_a_client_refuses_a_certificate_from_another_ca()
    {
        using var bench = new TestBench();
        await using var host = await ServiceHost.StartAsync(bench);
        Assert.Equal("https", host.Address.Scheme);
        Assert.Equal("ok", await host.Http.GetStringAsync(new Uri("health", UriKind.Relative)));

        // Trusting another CA (a client set up for another PKI service, or a man in the middle's certificate): refused.
        using var other = PkiProtocol.Tls.TlsAuthority.Create("another CA", DateTimeOffset.UtcNow, TimeSpan.FromDays(2));
        using var wrong = new HttpClient(PkiProtocol.Tls.TlsTrust.CreateHandler(other.Root)) { BaseAddress = host.Address };
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => wrong.GetStringAsync(new Uri("health", UriKind.Relative)));
        Assert.IsType<System.Security.Authentication.AuthenticationException>(refused.InnerException);
        await Assert.ThrowsAsync<HttpRequestException>(() => new PkiClient(wrong, bench.Pki.RootCertificate, bench.Clock).GetCrlAsync(bench.Pki.RootCertificate));

        // Nor does the service answer plain HTTP on its port.
        using var plain = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = new UriBuilder(host.Address) { Scheme = "http" }.Uri };
        bool served;
        try
        {
            using var response = await plain.GetAsync(new Uri("health", UriKind.Relative));
            served = response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            served = false;
        }

        Assert.False(served);
    }

    [Fact]
    public async Task Station_enrols_gets_a_batch_and_fetches_crls_and_certificates_over_http()
    {
        using var bench = new TestBench();
        bench.AssessIdf(4);
        var station = bench.Register("obu-1");
        await using var host = await ServiceHost.StartAsync(bench);
        var client = host.Client();

        var ec = await client.EnrolAsync(station.Id, station.CanonicalKey, station.EcKey);
        var keys = Enumerable.Range(0, 3).Select(_ => (ISignatureKey)EcdsaP256SignatureKey.Generate()).ToList();
        var batch = await client.RequestTicketBatchAsync(ec, station.EcKey, keys, TimeSpan.FromDays(1));

        Assert.Equal(3, batch.Count);
        Assert.All(batch, t => Assert.Equal((byte)4, IntegrityAssurance.Read(t.ToBeSigned)));
        for (var i = 1; i < batch.Count; i++)
        {
            var previous = batch[i - 1].ToBeSigned.ValidityPeriod;
            var current = batch[i].ToBeSigned.ValidityPeriod;
            Assert.True(current.Start.ToTime64() > previous.Start.ToTime64() && current.Start.ToTime64() < previous.End, "overlapping batch");
        }

        var aa = await client.TrustedCaAsync("aa", null);
        Assert.Empty((await client.GetCrlAsync(aa)).Entries);
        Assert.Equal(batch[1].Encoded.ToArray(), (await client.GetCertificateAsync(batch[1].HashedId8))!.Encoded.ToArray());
        Assert.Null(await client.GetCertificateAsync(new HashedId8(0x0badcafe)));

        // The report goes encrypted for the misbehaviour authority's certificate (GET /ca/ma, validated under the root).
        var done = await client.ReportAsync(Misbehaviour.MisbehaviourTests.Anomaly(bench), batch[0], keys[0]);
        Assert.Contains("counted", done, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revoked_station_is_refused_over_http_and_its_at_is_on_the_downloaded_crl()
    {
        using var bench = new TestBench();
        var station = bench.Register("obu-1");
        await using var host = await ServiceHost.StartAsync(bench);
        var client = host.Client();
        var ec = await client.EnrolAsync(station.Id, station.CanonicalKey, station.EcKey);
        var ticket = await client.RequestTicketAsync(ec, station.EcKey, EcdsaP256SignatureKey.Generate());
        bench.Pki.Revocations.RevokeStation(station.Id, "stolen");

        var error = await Assert.ThrowsAsync<PkiException>(() => client.RequestTicketAsync(ec, station.EcKey, EcdsaP256SignatureKey.Generate()));
        Assert.Equal(PkiFailure.CertificateRevoked, error.Failure);
        Assert.Contains("HTTP 403", error.Message, StringComparison.Ordinal);
        var aa = await client.TrustedCaAsync("aa", null);
        Assert.Contains(ticket.HashedId8, (await client.GetCrlAsync(aa)).Entries);
        Assert.Contains(ec.HashedId8, (await client.GetCrlAsync(await client.TrustedCaAsync("ea", null))).Entries);
    }

    public static TheoryData<string, string, string?, Func<TestBench, byte[]>, HttpStatusCode, PkiFailure, string> BadBodyRows => new()
    {
        { "garbage OER", PkiRoutes.Enrolment, MediaTypes.ItsRequest, _ => [0x42, 0x42, 0x42], HttpStatusCode.BadRequest, PkiFailure.Malformed, "protocolVersion" },
        { "empty body", PkiRoutes.Enrolment, MediaTypes.ItsRequest, _ => [], HttpStatusCode.BadRequest, PkiFailure.Malformed, "empty" },
        { "wrong signature", PkiRoutes.Enrolment, MediaTypes.ItsRequest, b => Forge.Enrolment(b, Registered(b), canonicalKey: EcdsaP256SignatureKey.Generate()),
          HttpStatusCode.BadRequest, PkiFailure.BadSignature, "canonical key" },
        { "tampered ciphertext", PkiRoutes.Authorization, MediaTypes.ItsRequest, b => Tamper(Forge.Enrolment(b, Registered(b), recipient: b.Pki.AaCertificate(null))),
          HttpStatusCode.BadRequest, PkiFailure.Undecryptable, "tag" },
        { "unknown signer", PkiRoutes.Reports, MediaTypes.ItsRequest, ForeignReport, HttpStatusCode.BadRequest, PkiFailure.UnknownSigner, "unknown" },
        { "keyTag mismatch", PkiRoutes.Authorization, MediaTypes.ItsRequest, b => Forge.Authorization(b, Enrolled(b), EcdsaP256SignatureKey.Generate(),
            new Forge.AtChange { WrongKeyTag = true }), HttpStatusCode.BadRequest, PkiFailure.KeysDontMatch, "keyTag" },
        { "enrolment sent to the validation interface", PkiRoutes.Validation, MediaTypes.ItsRequest, b => Forge.Enrolment(b, Registered(b)),
          HttpStatusCode.BadRequest, PkiFailure.WrongContent, "authorizationValidationRequest" },
        { "oversized", PkiRoutes.Authorization, MediaTypes.ItsRequest, _ => new byte[PkiRoutes.MaxBodyOctets + 1], HttpStatusCode.RequestEntityTooLarge,
          PkiFailure.TooLarge, "exceeds" },
        { "wrong media type", PkiRoutes.Enrolment, "application/json", _ => [0x03], HttpStatusCode.UnsupportedMediaType, PkiFailure.WrongMediaType, "Content-Type" },
        { "no media type", PkiRoutes.Enrolment, null, _ => [0x03], HttpStatusCode.UnsupportedMediaType, PkiFailure.WrongMediaType, "Content-Type" },
    };

    [Theory]
    [MemberData(nameof(BadBodyRows))]
    public async Task Malformed_body_gets_a_4xx_naming_the_problem_and_the_service_keeps_serving(string name, string route, string? mediaType,
        Func<TestBench, byte[]> body, HttpStatusCode status, PkiFailure failure, string detail)
    {
        using var bench = new TestBench();
        var bytes = body(bench);
        await using var host = await ServiceHost.StartAsync(bench);
        var before = StateSnapshot.Of(bench);

        using var content = new ByteArrayContent(bytes);
        if (mediaType is not null)
        {
            content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        }

        using var response = await host.Http.PostAsync(new Uri(route.TrimStart('/'), UriKind.Relative), content);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"{name}: {(int)response.StatusCode} {text}");
        Assert.Equal(failure.ToString(), response.Headers.GetValues(PkiRoutes.FailureHeader).Single());
        Assert.True(text.Contains(detail, StringComparison.OrdinalIgnoreCase), $"{name}: {text}");
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, StateSnapshot.Of(bench));

        // Still serving: health, and a genuine enrolment.
        Assert.Equal("ok", await host.Http.GetStringAsync(new Uri("health", UriKind.Relative)));
        var fresh = bench.Register("obu-after");
        Assert.NotNull(await host.Client().EnrolAsync(fresh.Id, fresh.CanonicalKey, fresh.EcKey));
    }

    public static TheoryData<string, string, string, string> BrokenFramingRows => new()
    {
        // Kestrel raises BadHttpRequestException (400) for these; the service used to call every one of them TooLarge (413).
        { "chunk size not hex", "Transfer-Encoding: chunked\r\n", "ZZ\r\n", "400 Malformed" },
        { "chunk without its CRLF", "Transfer-Encoding: chunked\r\n", "3\r\nabcX", "400 Malformed" },
    };

    [Theory]
    [MemberData(nameof(BrokenFramingRows))]
    public async Task A_body_with_broken_framing_is_malformed_not_too_large(string name, string headers, string body, string expected)
    {
        using var bench = new TestBench();
        await using var host = await ServiceHost.StartAsync(bench);
        var before = StateSnapshot.Of(bench);

        // Raw HTTP/1.1 over loopback (in TLS): HttpClient cannot send a broken chunked body.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(host.Address.Host, host.Address.Port, timeout.Token);
        // The service speaks TLS only: the same bytes inside TLS, the server checked against the test CA.
        await using var stream = new System.Net.Security.SslStream(tcp.GetStream());
        await stream.AuthenticateAsClientAsync(new System.Net.Security.SslClientAuthenticationOptions
        {
            TargetHost = host.Address.Host,
            CertificateChainPolicy = PkiProtocol.Tls.TlsTrust.Policy(host.Ca.Root),
        }, timeout.Token);
        var request = $"POST {PkiRoutes.Enrolment} HTTP/1.1\r\nHost: {host.Address.Authority}\r\nContent-Type: {MediaTypes.ItsRequest}\r\n{headers}\r\n{body}";
        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(request), timeout.Token);
        using var reader = new StreamReader(stream, System.Text.Encoding.ASCII);
        var answer = await reader.ReadToEndAsync(timeout.Token);

        var statusLine = answer.Split("\r\n")[0];
        var failure = answer.Split("\r\n").FirstOrDefault(l => l.StartsWith(PkiRoutes.FailureHeader + ":", StringComparison.OrdinalIgnoreCase))?.Split(':', 2)[1].Trim();
        Assert.True($"{statusLine.Split(' ')[1]} {failure}" == expected, $"{name}: {answer}");
        Assert.Equal(before, StateSnapshot.Of(bench));
        Assert.Equal("ok", await host.Http.GetStringAsync(new Uri("health", UriKind.Relative)));
    }

    [Fact]
    public async Task State_survives_a_restart()
    {
        using var bench = new TestBench();
        var serial = bench.AssessIdf(5);
        var station = bench.Register("obu-1");
        var revoked = bench.Register("obu-2");
        await using var host = await ServiceHost.StartAsync(bench);
        var ec = await host.Client().EnrolAsync(station.Id, station.CanonicalKey, station.EcKey);
        var ticket = await host.Client().RequestTicketAsync(ec, station.EcKey, EcdsaP256SignatureKey.Generate());
        var revokedEc = await host.Client().EnrolAsync(revoked.Id, revoked.CanonicalKey, revoked.EcKey);
        bench.Pki.Revocations.RevokeStation(revoked.Id, "stolen");
        bench.Pki.Audit.Lower(serial, 3, "finding");
        var rootBefore = bench.Pki.RootCertificate.Encoded.ToArray();

        await host.RestartAsync();
        var client = host.Client();

        Assert.Equal(rootBefore, bench.Pki.RootCertificate.Encoded.ToArray());
        Assert.Equal(ticket.Encoded.ToArray(), (await client.GetCertificateAsync(ticket.HashedId8))!.Encoded.ToArray());
        Assert.Contains(revokedEc.HashedId8, (await client.GetCrlAsync(await client.TrustedCaAsync("ea", null))).Entries);
        Assert.NotNull(bench.Pki.Context.Store.GetStation(revoked.Id)!.BlockedAt);
        await Assert.ThrowsAsync<PkiException>(() => client.EnrolAsync(revoked.Id, revoked.CanonicalKey, revoked.EcKey));

        // The EC issued before the restart still gets ATs, at the level lowered before the restart.
        var after = await client.RequestTicketAsync(ec, station.EcKey, EcdsaP256SignatureKey.Generate());
        Assert.Equal((byte)3, IntegrityAssurance.Read(after.ToBeSigned));
        FlowTests.Validator(bench).Validate(after, bench.Now, requireCrls: true);
    }

    [Fact]
    public async Task Aa_can_reach_the_ea_over_http()
    {
        using var bench = new TestBench();
        var station = bench.Register("obu-1");
        bench.Enrol(station);
        await using var host = await ServiceHost.StartAsync(bench);

        // The AA side opens the state on its own (as a separate process would), so it shares no lock with the service.
        using var aaSide = BenchPki.Open(bench.Folder, bench.Clock);
        var remoteAa = new AuthorizationAuthority(aaSide.Context, request =>
        {
            using var content = new ByteArrayContent(request);
            content.Headers.ContentType = new MediaTypeHeaderValue(MediaTypes.ItsRequest);
            using var response = host.Http.PostAsync(new Uri(PkiRoutes.Validation.TrimStart('/'), UriKind.Relative), content).GetAwaiter().GetResult();
            Assert.Equal(MediaTypes.ItsResponse, response.Content.Headers.ContentType?.MediaType);
            return response.Content.ReadAsByteArrayAsync().GetAwaiter().GetResult();
        });
        var key = EcdsaP256SignatureKey.Generate();
        var (request, dataKey) = bench.AuthorizationRequest(station, key);

        var response = await Task.Run(() => remoteAa.ProcessAuthorization(request));
        var ticket = StationRequests.ReadAuthorizationResponse(response, dataKey, request, bench.Pki.AaCertificate(null)!, key.PublicKey, bench.Now);
        Assert.Equal(bench.Pki.AaCertificate(null)!.HashedId8, ticket.Issuer.Digest);
    }

    [Fact]
    public async Task Client_pinned_to_another_root_refuses_the_service()
    {
        using var bench = new TestBench();
        using var other = new TestBench();
        var station = bench.Register("obu-1");
        await using var host = await ServiceHost.StartAsync(bench);
        var client = new PkiClient(host.Http, other.Pki.RootCertificate, bench.Clock);
        var error = await Assert.ThrowsAsync<PkiException>(() => client.EnrolAsync(station.Id, station.CanonicalKey, station.EcKey));
        Assert.Equal(PkiFailure.ChainInvalid, error.Failure);
        Assert.Equal(0, bench.Pki.Context.Store.CountCertificates("ec"));
    }

    [Fact]
    public async Task Parallel_requests_are_all_served()
    {
        using var bench = new TestBench();
        var stations = Enumerable.Range(0, 4).Select(i => bench.Register($"obu-{i}")).ToList();
        await using var host = await ServiceHost.StartAsync(bench);
        var client = host.Client();
        var ecs = await Task.WhenAll(stations.Select(s => client.EnrolAsync(s.Id, s.CanonicalKey, s.EcKey)));
        var tickets = await Task.WhenAll(stations.Select((s, i) => client.RequestTicketAsync(ecs[i], s.EcKey, EcdsaP256SignatureKey.Generate())));
        Assert.Equal(4, tickets.Select(t => t.HashedId8).Distinct().Count());
        Assert.Equal(4, bench.Pki.Context.Store.GetResolutions(bench.Now).Count);
    }

    private static Station Registered(TestBench bench) => bench.Register("obu-x");

    private static Station Enrolled(TestBench bench)
    {
        var station = bench.Register("obu-y");
        bench.Enrol(station);
        return station;
    }

    private static byte[] Tamper(byte[] bytes)
    {
        bytes[^2] ^= 0x10;
        return bytes;
    }

    private static byte[] ForeignReport(TestBench bench)
    {
        using var other = new TestBench();
        var station = other.Register("foreign");
        other.Enrol(station);
        var (ticket, key) = other.Authorize(station);
        return V2x.Security.Encryption.SpduEncryptor.EncryptForCertificate(
            StationRequests.Report(new MisbehaviourReport { GenerationTime = bench.Now, Kind = MisbehaviourKind.IdfCompromise }, ticket, key), bench.Pki.MaCertificate, out _);
    }
}
