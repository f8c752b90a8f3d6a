/// Orders certificates for a JWS `x5c` header (RFC 7515 section 4.1.6): the leaf first, then each
/// certificate followed by the one that issued it.
enum CertificateChain {
    /// The leaf followed by the issuers found among `authorities`; unrelated certificates are dropped.
    static func order(leaf: Certificate, authorities: [Certificate]) -> [Certificate] {
        var chain = [leaf]
        var remaining = authorities.filter { $0.der != leaf.der }
        while let last = chain.last, !last.isSelfIssued,
            let index = remaining.firstIndex(where: { $0.subject == last.issuer })
        {
            chain.append(remaining.remove(at: index))
        }
        return chain
    }
}
