namespace V2x.Tests.Security;

/// <summary>Known-answer vectors from outside the project, each with its source.</summary>
internal static class ExternalVectors
{
    /// <summary>
    /// A CAM signed by a VW Golf 8 with its full authorization ticket as signer, from the Vanetza
    /// test suite (riebl/vanetza, vanetza/security/tests/secured_message_v3.cpp, test
    /// SecuredMessageV3.verify). Vanetza expects: psid 36 (CA), SSP 01 00 00, signer certificate
    /// HashedId8 127cff384ce0b890, AT issuer digest 56dfd6d627a362dc, valid signature.
    /// </summary>
    public const string VwGolfCam =
        "0381004003805620500280003201001400fe384ce0b890bf6b2f5b1f45285806640a6d80e803be0000a00007d1000002" +
        "024ce0b89030bc005a9d422a0e35bba022442386da3596d4583be120a10302968acf33e781ff82103fe0141980400124" +
        "0001c80bbab6c8158101018003008056dfd6d627a362dc108300000000001ddff7b58400a80102800124810403010000" +
        "80012581050401901a258080820427bb27c998c1eca2b10e7107980244518b3c50a3a327b5b190d090f1451f3d808083" +
        "c2f3caebc7fa35945c030a5ae01a417adf6dffd541ccd2d92bfeb63dc15689cbd6b8e32bd5e866d9faa2fe5595e2dbb9" +
        "be3e965a7094258b4a249dfb758a078082737a94516c56f885262fd4d2ac775ebaa14684ebf6593966ef7d3084078edd" +
        "d0f4fe9406042b1d1a92b70a0cce8d7de7e9b6fe13fb269a5a67573161589e2a79";

    /// <summary>
    /// Self-signed root CA certificate (rca.plugfest.ssoltech.io) of a Korean SCMS plugfest bundle, with
    /// its SHA-256 hash, from the open-source "dot2" V2X security library's unit-test vectors
    /// (test vector file for certificate bundle #2, g_tv_bundle_2_rca / g_tv_bundle_2_rca_h).
    /// </summary>
    public const string KoreanRootCa =
        "80030081001881187263612e706c7567666573742e73736f6c746563682e696f000000000022e3337386004601028001" +
        "238003810001800201008007000100010101000104e081010301ffc06080010100012301ffc06080010100012601ffc0" +
        "608001010002010001ffc0808082cbc482825ec6c845c200973acc5cefdc48fa09836245bad072c26509c6d209988080" +
        "3b5f1806da6cc596d0dc91e5947ee5d621d92838cd3ed56b01ef34f36e68f864f5c9fd327c5ad0f736ddcaca218a62bd" +
        "50fa0badd14c32cb8f12a3f2bcc96539";

    public const string KoreanRootCaHash = "56a3484d9b26a0ae739e23525e8149ee491adbcaa343d62e40028c2ff39d84f7";

    /// <summary>Intermediate CA issued by <see cref="KoreanRootCa"/> (g_tv_bundle_2_ica / _h), same source.</summary>
    public const string KoreanIntermediateCa =
        "8003008040028c2ff39d84f75881186963612e706c7567666573742e73736f6c746563682e696f9d84f7000222e342f2" +
        "86001483010680019a80007c8001e48003488002d4800164010180012380038300010102a0810102c060800102800123" +
        "81800201008101ffc0808083c7d31ad3c9d0c89f3e1ed51b3e97c0e274cfae93c0105d78043b15981298329d8080ca5a" +
        "777fae01800e6996184bdb2cc467043cd69a90ce770f2bed16d7961bb6fbfc952dbfeca0582d1404b79831f49da0ec96" +
        "ddd8071805299c70d5430163b611";

    public const string KoreanIntermediateCaHash = "7c78dcc4a94bf50d0a5039fb613c482e4271786cd00236f1a46166df32ef597a";

    /// <summary>Pseudonym CA issued by <see cref="KoreanIntermediateCa"/> (g_tv_bundle_2_pca / _h), same source.</summary>
    public const string KoreanPseudonymCa =
        "80030080a46166df32ef597a5981187063612e706c7567666573742e73736f6c746563682e696f9d84f7000222e34314" +
        "86000683010680019a80007c8001e48003488002d48001640101800123800385000101010081008082e99441a0ad1524" +
        "de4ecd7c8069f2393eeba76b5fa1e57f5f5e51849f31facd6380808256a228fc2dd784a9b0cdf5212309b35815b50844" +
        "ec7c73991d11ca1d40a88a97808075217eb0866d0b26afdd25d2407024a26f1fb0e6dda2b0ab72988b25e05002ee278a" +
        "016d55985b391d28f3fa3502cfa098907cb97b03f5d2fdbd76bb256f635a";

    public const string KoreanPseudonymCaHash = "31dbfd64d30ca5697a5e93fa5e0d4a8ed80d692b81a6b29e3da1708a75180a01";
}
