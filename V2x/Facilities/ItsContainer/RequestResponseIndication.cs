namespace V2x.Facilities.ItsContainer;

/// <summary>ETSI TS 102 894-2 v1.3.1 Annex A, DE_RequestResponseIndication: <c>ENUMERATED {request(0), response(1)}</c>.</summary>
public enum RequestResponseIndication
{
    Request = 0,
    Response = 1,
}
