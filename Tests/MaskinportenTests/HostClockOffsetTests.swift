import Testing

@testable import Maskinporten

/// The clock offset says which way the host clock is off: Maskinporten's clock minus the host's is positive
/// when the host is behind.
@Suite struct HostClockOffsetTests {
    @Test(arguments: [
        (95.0, "the host clock is 95 s behind Maskinporten's"),
        (-30.0, "the host clock is 30 s ahead of Maskinporten's"),
        (2.4, "the host clock is 2 s behind Maskinporten's"),
        (-0.4, "the host clock agrees with Maskinporten's (to the second)"),
    ])
    func theTextNamesTheDirectionAndTheSize(seconds: Double, text: String) {
        #expect(HostClockOffset(maskinportenMinusHost: seconds).description == text)
    }

    @Test func aTokenTellsTheOffsetItsResponseShowed() {
        let token = MaskinportenToken(
            token: AccessToken(value: "t", expiresIn: 60, receivedAt: .now), scope: nil, clockSkew: -12, attempts: 1)
        #expect(token.clockOffset?.hostIsBehind == false)
        #expect(token.clockOffset?.magnitude == 12)
        #expect(token.isClockSkewed)
    }
}

/// A refusal's hint matches what Maskinporten actually said, and how the grant named its key.
@Suite struct MaskinportenErrorHintTests {
    func hint(_ description: String, _ identification: KeyIdentification? = nil) -> String {
        MaskinportenError(
            code: .rejected, status: 400, error: "invalid_grant", errorDescription: description,
            identification: identification
        ).hint ?? ""
    }

    @Test func anIssueTimeAheadBlamesAClockAheadNotAnExpiredGrant() {
        let text = hint("Invalid assertion. Client authentication failed. Issue time is after now (MP-130)")
        #expect(text.contains("host clock is ahead"), "\(text)")
        #expect(!text.contains("expired"), "\(text)")
        #expect(!text.contains("clientId"), "\(text)")
    }

    @Test func anExpiredGrantBlamesAClockBehind() {
        let text = hint("Invalid assertion. Client authentication failed. JWT is expired (MP-130)")
        #expect(text.contains("expired when it arrived"), "\(text)")
        #expect(text.contains("behind"), "\(text)")
    }

    @Test func aGrantLivingTooLongIsNamedAsSuch() {
        let text = hint("Maximum 120 seconds allowed (exp - iat <= 120) (MP-130)")
        #expect(text.contains("120 s"), "\(text)")
        #expect(!text.contains("expired"), "\(text)")
    }

    @Test func anUnknownKidGetsAKidRemedyNotACertificateOne() {
        let description =
            "Invalid assertion. Client authentication failed. The JWT is signed with an invalid "
            + "certificate (MP-120)"
        let kid = hint(description, .keyID("kid-7"))
        #expect(kid.contains("maskinporten.key.kid"), "\(kid)")
        #expect(kid.contains("\"kid-7\""), "\(kid)")
        #expect(kid.contains("registered on the client"), "\(kid)")
        #expect(!kid.contains("certificate with"), "\(kid)")
        // The same refusal of a grant that carried a certificate keeps the certificate remedy.
        #expect(hint(description, .certificateChain([])).contains("test business certificate"))
        #expect(hint(description).contains("test business certificate"))
    }

    @Test func aSignatureRefusedForAKidNamesTheKid() {
        let text = hint("Invalid JWT signature (MP-124)", .keyID("kid-7"))
        #expect(text.contains("kid \"kid-7\""), "\(text)")
        #expect(!text.contains("certificate"), "\(text)")
    }

    @Test func theMessageLeavesTheHintToTheCaller() {
        let error = MaskinportenError(
            code: .rejected, status: 400, error: "invalid_grant", errorDescription: "Client not found (MP-100)")
        let hint = error.hint ?? ""
        #expect(hint.contains("maskinporten.clientId"))
        #expect(!error.message.contains("Hint"))
        #expect(error.description == error.message + ". Hint: \(hint)")
    }
}
