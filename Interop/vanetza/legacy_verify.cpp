// Measurement driver (Interop/vanetza/README.md): feeds pcap captures through riebl/vanetza's own GeoNetworking
// router, security v3 verify service and certificate validator, and decodes what reaches BTP with vanetza's CAM and
// DENM codecs (release 1 and release 2 ASN.1). One line per frame on stdout. Built against a vanetza build given by
// path (run.sh); nothing of vanetza is kept in this repository.
//
// usage: legacy_verify --root ROOT.oer [--ca CA.oer]... [--no-chain-checks] [--no-location-checks]
//                      [--country-data FILE] [--permissive-identified-region] CAPTURE.pcap...
#include <vanetza/asn1/cam.hpp>
#include <vanetza/security/hashed_id.hpp>
#include <vanetza/asn1/denm.hpp>
#include <vanetza/asn1/packet_visitor.hpp>
#include <vanetza/btp/data_indication.hpp>
#include <vanetza/btp/data_interface.hpp>
#include <vanetza/btp/port_dispatcher.hpp>
#include <vanetza/btp/ports.hpp>
#include <vanetza/common/manual_runtime.hpp>
#include <vanetza/common/position_provider.hpp>
#include <vanetza/dcc/data_request.hpp>
#include <vanetza/dcc/interface.hpp>
#include <vanetza/geonet/mib.hpp>
#include <vanetza/geonet/router.hpp>
#include <vanetza/geodesy/country_database.hpp>
#include <vanetza/net/cohesive_packet.hpp>
#include <vanetza/net/packet_variant.hpp>
#include <vanetza/security/backend.hpp>
#include <vanetza/security/delegating_security_entity.hpp>
#include <vanetza/security/straight_verify_service.hpp>
#include <vanetza/security/v3/certificate.hpp>
#include <vanetza/security/v3/certificate_cache.hpp>
#include <vanetza/security/v3/certificate_validator.hpp>
#include <vanetza/security/v3/issuer_memory_lookup.hpp>
#include <vanetza/security/v3/location_checker.hpp>
#include <vanetza/security/v3/persistence.hpp>
#include <vanetza/security/v3/sign_service.hpp>
#include <vanetza/security/v3/trust_store.hpp>
#include <boost/date_time/posix_time/posix_time.hpp>
#include <cstdint>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

using namespace vanetza;
namespace v3 = vanetza::security::v3;

struct Frame { double time; std::vector<uint8_t> data; };

static std::string to_hex(const vanetza::security::HashedId8& id)
{
    std::ostringstream out;
    for (auto b : id) out << std::hex << std::setw(2) << std::setfill('0') << int(b);
    return out.str();
}

static std::vector<Frame> read_pcap(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    std::vector<uint8_t> all((std::istreambuf_iterator<char>(in)), {});
    std::vector<Frame> frames;
    if (all.size() < 24) return frames;
    auto u32 = [&](size_t o) { return uint32_t(all[o]) | uint32_t(all[o+1]) << 8 | uint32_t(all[o+2]) << 16 | uint32_t(all[o+3]) << 24; };
    bool nano = u32(0) == 0xa1b23c4d;
    size_t o = 24;
    while (o + 16 <= all.size()) {
        uint32_t sec = u32(o), frac = u32(o + 4), cap = u32(o + 8);
        o += 16;
        if (o + cap > all.size()) break;
        frames.push_back({ sec + frac / (nano ? 1e9 : 1e6), std::vector<uint8_t>(all.begin() + o, all.begin() + o + cap) });
        o += cap;
    }
    return frames;
}

class FixedPosition : public PositionProvider
{
public:
    PositionFix fix;
    const PositionFix& position_fix() override { return fix; }
};

class NoRequests : public dcc::RequestInterface
{
public:
    void request(const dcc::DataRequest&, std::unique_ptr<ChunkPacket>) override {}
};

// Records the verdict of the real validator, which the verify service folds into Invalid_Certificate.
class RecordingValidator : public v3::CertificateValidator
{
public:
    explicit RecordingValidator(v3::CertificateValidator& inner) : inner(inner) {}
    Verdict valid_for_signing(const v3::CertificateView& cert, ItsAid aid) override { last = inner.valid_for_signing(cert, aid); return last; }
    v3::CertificateValidator& inner;
    Verdict last = Verdict::Unknown;
};

class RecordingEntity : public security::SecurityEntity
{
public:
    explicit RecordingEntity(std::unique_ptr<security::SecurityEntity> inner) : inner(std::move(inner)) {}
    security::EncapConfirm encapsulate_packet(security::EncapRequest&& r) override { return inner->encapsulate_packet(std::move(r)); }
    security::DecapConfirm decapsulate_packet(security::DecapRequest&& r) override
    {
        auto confirm = inner->decapsulate_packet(std::move(r));
        called = true;
        if (auto* report = boost::get<security::VerificationReport>(&confirm.report)) last = *report; else unsecured = true;
        return confirm;
    }
    std::unique_ptr<security::SecurityEntity> inner;
    bool called = false, unsecured = false;
    security::VerificationReport last = security::VerificationReport::Incompatible_Protocol;
};

struct Delivered { bool any = false; uint16_t port = 0; bool r1 = false, r2 = false; };

class Catcher : public btp::IndicationInterface
{
public:
    void indicate(const btp::DataIndication& ind, std::unique_ptr<UpPacket> packet) override
    {
        got.any = true;
        got.port = ind.destination_port.host();
        if (got.port == 2001) {
            asn1::PacketVisitor<asn1::r1::Cam> a; got.r1 = static_cast<bool>(boost::apply_visitor(a, *packet));
            asn1::PacketVisitor<asn1::r2::Cam> b; got.r2 = static_cast<bool>(boost::apply_visitor(b, *packet));
        } else if (got.port == 2002) {
            asn1::PacketVisitor<asn1::r1::Denm> a; got.r1 = static_cast<bool>(boost::apply_visitor(a, *packet));
            asn1::PacketVisitor<asn1::r2::Denm> b; got.r2 = static_cast<bool>(boost::apply_visitor(b, *packet));
        }
    }
    Delivered got;
};

static const char* verdict_name(v3::CertificateValidator::Verdict v)
{
    using V = v3::CertificateValidator::Verdict;
    switch (v) {
        case V::Unknown: return "-"; case V::Valid: return "Valid"; case V::Expired: return "Expired"; case V::Revoked: return "Revoked";
        case V::Untrusted: return "Untrusted"; case V::InconsistentChain: return "InconsistentChain"; case V::OutsideRegion: return "OutsideRegion";
        case V::InsufficientPermission: return "InsufficientPermission"; case V::Misconfiguration: return "Misconfiguration";
    }
    return "?";
}

static const char* report_name(security::VerificationReport r)
{
    using R = security::VerificationReport;
    switch (r) {
        case R::Success: return "Success"; case R::False_Signature: return "False_Signature"; case R::Invalid_Certificate: return "Invalid_Certificate";
        case R::Revoked_Certificate: return "Revoked_Certificate"; case R::Inconsistent_Chain: return "Inconsistent_Chain"; case R::Invalid_Timestamp: return "Invalid_Timestamp";
        case R::Duplicate_Message: return "Duplicate_Message"; case R::Invalid_Mobility_Data: return "Invalid_Mobility_Data"; case R::Unsigned_Message: return "Unsigned_Message";
        case R::Signer_Certificate_Not_Found: return "Signer_Certificate_Not_Found"; case R::Unsupported_Signer_Identifier_Type: return "Unsupported_Signer_Identifier_Type";
        case R::Incompatible_Protocol: return "Incompatible_Protocol"; case R::Configuration_Problem: return "Configuration_Problem";
    }
    return "?";
}

int main(int argc, char** argv)
{
    std::string root_path, country_path;
    std::vector<std::string> ca_paths, pcaps;
    bool chain_checks = true, permissive_region = false, location_checks = true;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "--root" && i + 1 < argc) root_path = argv[++i];
        else if (a == "--ca" && i + 1 < argc) ca_paths.push_back(argv[++i]);
        else if (a == "--no-chain-checks") chain_checks = false;
        else if (a == "--permissive-identified-region") permissive_region = true;
        else if (a == "--no-location-checks") location_checks = false;
        else if (a == "--country-data" && i + 1 < argc) country_path = argv[++i];
        else pcaps.push_back(a);
    }

    if (root_path.empty() || pcaps.empty()) {
        std::cerr << "usage: legacy_verify --root ROOT.oer [--ca CA.oer]... [--no-chain-checks] [--no-location-checks] "
                     "[--country-data FILE] [--permissive-identified-region] CAPTURE.pcap...\n";
        return 2;
    }

    // Country borders for identifiedRegion checks: none unless a country data file is given (vanetza's own format,
    // as its geodesy library loads it); without them the validator decides by the permissive flag alone.
    geodesy::CountryDatabase countries;
    if (!country_path.empty()) {
        std::string error;
        if (!countries.load(country_path, &error)) {
            std::cerr << "country data " << country_path << ": " << error << "\n";
            return 2;
        }
    }

    auto backend = security::create_backend("OpenSSL");
    v3::TrustStore trust_store;
    auto root_cert = v3::load_certificate_from_file(root_path);
    trust_store.insert(root_cert);
    std::cout << "# root " << (root_cert.calculate_digest() ? to_hex(*root_cert.calculate_digest()) : std::string("no digest")) << "\n";
    v3::IssuerMemoryLookup issuers;
    issuers.insert(root_cert); // the chain walk finds the root through the issuer look-up, then anchors it in the trust store
    for (auto& p : ca_paths) {
        auto ca = v3::load_certificate_from_file(p);
        bool stored = issuers.insert(ca);
        std::cout << "# ca " << p << " " << (ca.calculate_digest() ? to_hex(*ca.calculate_digest()) : std::string("no digest")) << (stored ? " stored" : " NOT stored") << "\n";
    }

    std::cout << "# chain_checks=" << chain_checks << " location_checks=" << location_checks << " permissive_identified_region=" << permissive_region
              << " country_data=" << (country_path.empty() ? std::string("none") : country_path) << "\n";
    std::cout << "# file frame src_mac time verified_report validator_verdict router_drop delivered_port r1_decoded r2_decoded\n";
    for (auto& path : pcaps) {
        auto frames = read_pcap(path);
        ManualRuntime runtime(Clock::at(boost::posix_time::from_time_t(static_cast<time_t>(frames.empty() ? 0 : frames[0].time))));
        FixedPosition position;
        position.fix.latitude = 48.13743 * units::degree;
        position.fix.longitude = 11.57549 * units::degree;
        position.fix.confidence.semi_major = 5.0 * units::si::meter;
        position.fix.confidence.semi_minor = 5.0 * units::si::meter;
        position.fix.timestamp = runtime.now();

        v3::CertificateCache cache;
        v3::DefaultLocationChecker location_checker;
        location_checker.set_permissive_identified_region(permissive_region);
        if (!countries.empty()) location_checker.use_country_database(&countries);
        v3::DefaultCertificateValidator validator;
        validator.use_runtime(&runtime);
        validator.use_position_provider(&position);
        validator.use_location_checker(&location_checker);
        validator.use_trust_store(&trust_store);
        validator.use_issuer_lookup(&issuers);
        validator.disable_chain_consistency_checks(!chain_checks);
        validator.disable_location_checks(!location_checks);
        RecordingValidator recording(validator);

        std::unique_ptr<security::StraightVerifyService> verify { new security::StraightVerifyService(runtime, *backend, position) };
        verify->use_certificate_cache(&cache);
        verify->use_certificate_validator(&recording);
        std::unique_ptr<security::SignService> sign { new v3::DummySignService(runtime) };
        RecordingEntity entity(std::make_unique<security::DelegatingSecurityEntity>(std::move(sign), std::move(verify)));

        geonet::MIB mib;
        mib.itsGnLocalGnAddr.mid(MacAddress { 0x02, 0x7e, 0x57, 0x00, 0x00, 0x01 });
        mib.itsGnLocalGnAddr.is_manually_configured(true);
        mib.itsGnSecurity = true;
        mib.itsGnSnDecapResultHandling = geonet::SecurityDecapHandling::Strict;
        geonet::Router router(runtime, mib);
        NoRequests requests;
        router.set_access_interface(&requests);
        router.set_address(mib.itsGnLocalGnAddr);
        router.set_security_entity(&entity);
        btp::PortDispatcher dispatcher;
        Catcher catcher;
        dispatcher.set_non_interactive_handler(host_cast<uint16_t>(2001), &catcher);
        dispatcher.set_non_interactive_handler(host_cast<uint16_t>(2002), &catcher);
        router.set_transport_handler(geonet::UpperProtocol::BTP_B, &dispatcher);
        std::string drop;
        router.packet_dropped = [&](geonet::Router::PacketDropReason reason) { drop = stringify(reason); };

        for (size_t i = 0; i < frames.size(); ++i) {
            auto& f = frames[i];
            if (f.data.size() < 14) continue;
            // vanetza's time line: the capture's UTC time counted from 2004 (Clock::at(universal_time()), as socktap does).
            auto utc = boost::posix_time::from_time_t(static_cast<time_t>(f.time)) + boost::posix_time::microseconds(static_cast<long>((f.time - static_cast<long>(f.time)) * 1e6));
            runtime.reset(Clock::at(utc));
            // The receiver is where the frame was sent (its source position vector), so a GeoBroadcast area holds it.
            size_t pv = 14 + 4 + 8; // Ethernet, Basic Header, Common Header of an unsecured packet
            if (f.data.size() > 14 + 4 && (f.data[14] & 0x0f) == 2) {
                // secured: find the Common Header inside unsecuredData by scanning for the SPDU prefix 03 81 00 40 03 80 LEN
                for (size_t k = 18; k + 8 < f.data.size(); ++k) {
                    if (f.data[k] == 0x03 && f.data[k+1] == 0x81 && f.data[k+2] == 0x00 && f.data[k+3] == 0x40 && f.data[k+4] == 0x03 && f.data[k+5] == 0x80) {
                        size_t len_octets = (f.data[k+6] & 0x80) ? 1 + (f.data[k+6] & 0x7f) : 1;
                        size_t ch = k + 6 + len_octets;
                        uint8_t ht = f.data[ch + 1] >> 4;
                        pv = ch + 8 + (ht == 4 || ht == 3 ? 4 : 0);
                        break;
                    }
                }
            }
            if (pv + 16 <= f.data.size()) {
                auto s32 = [&](size_t o) { return int32_t(uint32_t(f.data[o]) << 24 | uint32_t(f.data[o+1]) << 16 | uint32_t(f.data[o+2]) << 8 | f.data[o+3]); };
                position.fix.latitude = s32(pv + 12) / 1e7 * units::degree;
                position.fix.longitude = s32(pv + 16) / 1e7 * units::degree;
            }
            position.fix.timestamp = runtime.now();
            router.update_position(position.fix);

            MacAddress src, dst;
            std::copy(f.data.begin(), f.data.begin() + 6, dst.octets.begin());
            std::copy(f.data.begin() + 6, f.data.begin() + 12, src.octets.begin());
            ByteBuffer gn(f.data.begin() + 14, f.data.end());
            drop.clear(); catcher.got = {}; entity.called = false; entity.unsecured = false; recording.last = v3::CertificateValidator::Verdict::Unknown;
            std::unique_ptr<PacketVariant> up { new PacketVariant(CohesivePacket(std::move(gn), OsiLayer::Network)) };
            router.indicate(std::move(up), src, dst);
            std::cout << path << " " << i << " " << src << " " << std::fixed << std::setprecision(6) << f.time << " "
                << (entity.called ? (entity.unsecured ? "unsecured" : report_name(entity.last)) : "not-reached") << " "
                << verdict_name(recording.last) << " " << (drop.empty() ? "-" : drop) << " "
                << (catcher.got.any ? std::to_string(catcher.got.port) : "-") << " " << catcher.got.r1 << " " << catcher.got.r2 << "\n";
        }
    }
    return 0;
}
