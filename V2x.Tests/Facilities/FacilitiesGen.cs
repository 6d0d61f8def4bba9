using CsCheck;
using V2x.Facilities.Cam;
using V2x.Facilities.Denm;
using V2x.Facilities.ItsContainer;
using V2x.Per;

namespace V2x.Tests.Facilities;

/// <summary>
/// CsCheck generators covering the whole value space of every CAM and DENM type (each component
/// over its full constraint range, every OPTIONAL present and absent, every CHOICE alternative).
/// </summary>
internal static class FacilitiesGen
{
    public static readonly Gen<int> Latitude = Gen.Int[-900000000, 900000001];
    public static readonly Gen<int> Longitude = Gen.Int[-1800000000, 1800000001];
    public static readonly Gen<StationType> StationType = Gen.Byte.Select(b => (StationType)b);
    public static readonly Gen<CauseCodeType> CauseType = Gen.Byte.Select(b => (CauseCodeType)b);

    public static readonly Gen<PosConfidenceEllipse> Ellipse =
        Gen.Select(Gen.Int[0, 4095], Gen.Int[0, 4095], Gen.Int[0, 3601], (a, b, c) => new PosConfidenceEllipse(a, b, c));

    public static readonly Gen<Altitude> Altitude =
        Gen.Select(Gen.Int[-100000, 800001], Gen.Enum<AltitudeConfidence>(), (v, c) => new Altitude(v, c));

    public static readonly Gen<ReferencePosition> ReferencePosition =
        Gen.Select(Latitude, Longitude, Ellipse, Altitude, (la, lo, e, a) => new ReferencePosition(la, lo, e, a));

    public static readonly Gen<DeltaReferencePosition> DeltaPosition =
        Gen.Select(Gen.Int[-131071, 131072], Gen.Int[-131071, 131072], Gen.Int[-12700, 12800], (a, b, c) => new DeltaReferencePosition(a, b, c));

    /// <summary>PathDeltaTime (1..65535, ...): mostly the root, sometimes an extension value.</summary>
    public static readonly Gen<int> PathDeltaTime = Gen.Frequency((8, Gen.Int[1, 65535]), (1, Gen.Int[65536, int.MaxValue]));

    public static readonly Gen<PathPoint> PathPoint =
        Gen.Select(DeltaPosition, PathDeltaTime.Nullable(), (p, t) => new PathPoint(p, t));

    public static readonly Gen<PathHistory> PathHistory =
        PathPoint.Array[0, 40].Select(points => new PathHistory(new SequenceOf<PathPoint>(points)));

    public static readonly Gen<Heading> Heading = Gen.Select(Gen.Int[0, 3601], Gen.Int[1, 127], (v, c) => new Heading(v, c));

    public static readonly Gen<Speed> Speed = Gen.Select(Gen.Int[0, 16383], Gen.Int[1, 127], (v, c) => new Speed(v, c));

    public static readonly Gen<Acceleration> Acceleration = Gen.Select(Gen.Int[-160, 161], Gen.Int[0, 102], (v, c) => new Acceleration(v, c));

    public static readonly Gen<CauseCode> CauseCode = Gen.Select(CauseType, Gen.Byte, (c, s) => new CauseCode(c, s));

    public static readonly Gen<TimestampIts> Timestamp = Gen.Long[0, TimestampIts.MaxMilliseconds].Select(ms => new TimestampIts(ms));

    public static readonly Gen<ActionId> ActionId = Gen.Select(Gen.UInt, Gen.UShort, (s, n) => new ActionId(s, n));

    public static readonly Gen<BitString> DrivingLaneStatus =
        Gen.Select(Gen.Int[1, 13], Gen.UShort, (length, bits) => new BitString([(byte)(bits >> 8), (byte)bits], length));

    public static readonly Gen<ClosedLanes> ClosedLanes = Gen.Select(
        Gen.Enum<HardShoulderStatus>().Nullable(), Gen.Enum<HardShoulderStatus>().Nullable(), DrivingLaneStatus.Null(),
        (i, o, d) => new ClosedLanes(i, o, d));

    public static readonly Gen<CenDsrcTollingZone> TollingZone =
        Gen.Select(Latitude, Longitude, Gen.Int[0, 134217727].Nullable(), (la, lo, id) => new CenDsrcTollingZone(la, lo, id));

    public static readonly Gen<ProtectedCommunicationZone> ProtectedZone = Gen.Select(
        Gen.Enum<ProtectedZoneType>(), Timestamp.Nullable(), Latitude, Longitude,
        Gen.Frequency((8, Gen.Int[1, 255]), (1, Gen.Int[256, 100000])).Nullable(), Gen.Int[0, 134217727].Nullable(),
        (t, e, la, lo, r, id) => new ProtectedCommunicationZone(t, e, la, lo, r, id));

    public static readonly Gen<BasicVehicleContainerHighFrequency> VehicleHighFrequency = Gen.Select(
        Heading, Speed, Gen.Enum<DriveDirection>(),
        Gen.Select(Gen.Int[1, 1023], Gen.Enum<VehicleLengthConfidenceIndication>(), (v, c) => new VehicleLength(v, c)),
        Gen.Int[1, 62], Acceleration,
        Gen.Select(Gen.Int[-1023, 1023], Gen.Enum<CurvatureConfidence>(), (v, c) => new Curvature(v, c)),
        Gen.Enum<CurvatureCalculationMode>(),
        Gen.Select(Gen.Int[-32766, 32767], Gen.Enum<YawRateConfidence>(), (v, c) => new YawRate(v, c)),
        Gen.Int[0, 127].Select(b => (AccelerationControl)b).Nullable(),
        Gen.Int[-1, 14].Nullable(),
        Gen.Select(Gen.Int[-511, 512], Gen.Int[1, 127], (v, c) => new SteeringWheelAngle(v, c)).Nullable(),
        Acceleration.Nullable(), Acceleration.Nullable(), Gen.Int[0, 7].Nullable(), TollingZone.Nullable(),
        (h, s, d, l, w, a, c, m, y, ac, lp, sw, la, va, pc, tz) =>
            new BasicVehicleContainerHighFrequency(h, s, d, l, w, a, c, m, y, ac, lp, sw, la, va, pc, tz));

    public static readonly Gen<HighFrequencyContainer> HighFrequency = Gen.OneOf<HighFrequencyContainer>(
        VehicleHighFrequency,
        ProtectedZone.Array[1, 16].Select(z => new SequenceOf<ProtectedCommunicationZone>(z)).Null()
            .Select(z => (HighFrequencyContainer)new RsuContainerHighFrequency(z)));

    public static readonly Gen<BasicVehicleContainerLowFrequency> LowFrequency = Gen.Select(
        Gen.Enum<VehicleRole>(), Gen.Byte.Select(b => (ExteriorLights)b), PathHistory,
        (r, e, p) => new BasicVehicleContainerLowFrequency(r, e, p));

    public static readonly Gen<LightBarSirenInUse> LightBar = Gen.Int[0, 3].Select(b => (LightBarSirenInUse)b);

    public static readonly Gen<SpecialVehicleContainer> SpecialVehicle = Gen.OneOf<SpecialVehicleContainer>(
        Gen.Select(Gen.Bool, Gen.Select(Gen.Byte, Gen.Byte.Array[1, 20], (t, d) => new PtActivation(t, new OctetString(d))).Null(),
            (e, p) => (SpecialVehicleContainer)new PublicTransportContainer(e, p)),
        Gen.Select(Gen.Int[0, 15], LightBar, (t, l) => (SpecialVehicleContainer)new SpecialTransportContainer((SpecialTransportType)t, l)),
        Gen.Enum<DangerousGoodsBasic>().Select(d => (SpecialVehicleContainer)new DangerousGoodsContainer(d)),
        Gen.Select(LightBar, Gen.Byte.Nullable(), ClosedLanes.Null(), (l, s, c) => (SpecialVehicleContainer)new RoadWorksContainerBasic(l, s, c)),
        LightBar.Select(l => (SpecialVehicleContainer)new RescueContainer(l)),
        Gen.Select(LightBar, CauseCode.Nullable(), Gen.Int[0, 3].Select(p => (EmergencyPriority)p).Nullable(),
            (l, c, p) => (SpecialVehicleContainer)new EmergencyContainer(l, c, p)),
        Gen.Select(LightBar, CauseCode.Nullable(), Gen.Enum<TrafficRule>().Nullable(), Gen.Int[1, 255].Nullable(),
            (l, c, t, s) => (SpecialVehicleContainer)new SafetyCarContainer(l, c, t, s)));

    public static readonly Gen<CamMessage> Cam = Gen.Select(
        Gen.UInt, Gen.UShort, StationType, ReferencePosition, HighFrequency, LowFrequency.Null(), SpecialVehicle.Null(),
        (id, delta, type, position, high, low, special) => new CamMessage(id, new CoopAwareness(
            new GenerationDeltaTime(delta),
            new CamParameters(new BasicContainer(type, position), high, low, special))));

    public static readonly Gen<ManagementContainer> Management = Gen.Select(
        ActionId, Timestamp, Timestamp, ReferencePosition, StationType,
        Gen.Enum<Termination>().Nullable(), Gen.Enum<RelevanceDistance>().Nullable(), Gen.Enum<RelevanceTrafficDirection>().Nullable(),
        Gen.Frequency((1, Gen.Const(ManagementContainer.DefaultValiditySeconds)), (3, Gen.Int[0, 86400])),
        Gen.Int[1, 10000].Nullable(),
        (a, d, r, p, s, t, rd, rt, v, i) => new ManagementContainer(a, d, r, p, s, t, rd, rt, v, i));

    public static readonly Gen<EventPoint> EventPoint =
        Gen.Select(DeltaPosition, PathDeltaTime.Nullable(), Gen.Int[0, 7], (p, t, q) => new EventPoint(p, t, (byte)q));

    public static readonly Gen<SituationContainer> Situation = Gen.Select(
        Gen.Int[0, 7], CauseCode, CauseCode.Nullable(), EventPoint.Array[1, 23].Select(e => new SequenceOf<EventPoint>(e)).Null(),
        (q, e, l, h) => new SituationContainer((byte)q, e, l, h));

    public static readonly Gen<LocationContainer> Location = Gen.Select(
        PathHistory.Array[1, 7].Select(t => new SequenceOf<PathHistory>(t)), Speed.Nullable(), Heading.Nullable(), Gen.Enum<RoadType>().Nullable(),
        (t, s, h, r) => new LocationContainer(t, s, h, r));

    public static readonly Gen<string> Ia5 = Gen.Char[(char)0, (char)127].Array[1, 24].Select(c => new string(c));

    private static Gen<T[]> Sized<T>(Gen<T> item, int min, int max, bool extensions) =>
        extensions ? Gen.Frequency((8, item.Array[min, max]), (1, item.Array[max + 1, max + 3])) : item.Array[min, max];

    private static Gen<ImpactReductionContainer> ImpactReduction(bool full) => Gen.Select(
        Gen.Int[1, 100], Gen.Int[1, 100], Gen.Int[1, 127], Gen.Int[1, 127],
        Sized(Gen.Int[1, 30], 1, 3, full).Select(p => new SequenceOf<int>(p)),
        Gen.Int[1, 63], Gen.Int[1, 127], Gen.Int[1, 255], Gen.Int[1, 20], Gen.Int[0, (1 << 20) - 1].Select(o => (PositionOfOccupants)o),
        Gen.Int[1, 1024], Gen.Enum<RequestResponseIndication>(),
        (a, b, c, d, e, f, g, h, i, j, k, l) => new ImpactReductionContainer(a, b, c, d, e, f, g, h, i, j, k, l));

    private static Gen<RoadWorksContainerExtended> RoadWorks(bool full) => Gen.Select(
        LightBar.Nullable(), ClosedLanes.Null(),
        Sized(StationType, 1, 3, full).Select(s => new SequenceOf<StationType>(s)).Null(),
        Gen.Int[1, 255].Nullable(), CauseCode.Nullable(), ReferencePosition.Array[1, 40].Select(p => new SequenceOf<ReferencePosition>(p)).Null(),
        DeltaPosition.Nullable(), Gen.Enum<TrafficRule>().Nullable(),
        Sized(ActionId, 1, 8, full).Select(a => new SequenceOf<ActionId>(a)).Null(),
        (l, c, r, s, i, p, d, t, a) => new RoadWorksContainerExtended(l, c, r, s, i, p, d, t, a));

    private static Gen<DangerousGoodsExtended> DangerousGoods(bool full) => Gen.Select(
        Gen.Enum<DangerousGoodsBasic>(), Gen.Int[0, 9999], Gen.Bool, Gen.Bool, Gen.Bool, Ia5.Null(),
        Gen.OneOf(Gen.Const(' '), Gen.Char['0', '9']).Array[1, 16].Select(c => new string(c)).Null(),
        full ? Gen.OneOf(Gen.Char['a', 'z'], Gen.Const('é'), Gen.Const('\u1010')).Array[1, 24].Select(c => new string(c)).Null() : Gen.Const(() => (string?)null),
        (t, u, e, tr, l, code, phone, company) => new DangerousGoodsExtended(t, u, e, tr, l, code, phone, company));

    private static Gen<StationaryVehicleContainer> Stationary(bool full) => Gen.Select(
        Gen.Enum<StationarySince>().Nullable(), CauseCode.Nullable(), DangerousGoods(full).Null(), Gen.Int[0, 127].Nullable(),
        Gen.Select(Gen.Char['A', 'Z'].Array[1, 3].Select(c => new string(c)).Null(), Gen.Char['0', '9'].Array[6].Select(c => new string(c)).Null(),
            (w, v) => new VehicleIdentification(w, v)).Null(),
        Gen.Int[0, 127].Select(e => (EnergyStorageType)e).Nullable(),
        (s, c, g, n, v, e) => new StationaryVehicleContainer(s, c, g, n, v, e));

    private static Gen<AlacarteContainer> Alacarte(bool full) => Gen.Select(
        Gen.Int[-1, 14].Nullable(), ImpactReduction(full).Null(), Gen.Int[-60, 67].Nullable(), RoadWorks(full).Null(),
        Gen.Enum<PositioningSolutionType>().Nullable(), Stationary(full).Null(),
        (l, i, t, r, p, s) => new AlacarteContainer(l, i, t, r, p, s));

    private static Gen<DenmMessage> DenmGen(bool full) => Gen.Select(
        Gen.UInt, Management, Situation.Null(), Location.Null(), Alacarte(full).Null(),
        (id, m, s, l, a) => new DenmMessage(id, new DecentralizedEnvironmentalNotificationMessage(m, s, l, a)));

    /// <summary>Every DENM, including size-extension values and UTF8String company names.</summary>
    public static readonly Gen<DenmMessage> Denm = DenmGen(full: true);

    /// <summary>
    /// DENMs Wireshark 4.0 dissects without remark: SEQUENCE OF sizes within the root (Wireshark warns
    /// on a size extension) and no UTF8String company name (Wireshark takes its size constraint as
    /// PER-visible, which X.691 §30 does not; see Docs/formats.md).
    /// </summary>
    public static readonly Gen<DenmMessage> DenmForWireshark = DenmGen(full: false);
}
