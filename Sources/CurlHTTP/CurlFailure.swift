internal import CCurl

/// What a libcurl failure means for the caller: the rules in one pure, testable place.
struct CurlFailure: Equatable {
    let code: HTTPError.Code
    let detail: String

    /// Classifies `result`, given libcurl's message, the status a proxy answered to CONNECT (0 for none), and
    /// whether the transfer ran on a reused connection.
    init(result: CURLcode, message: String, proxyConnectStatus: Int, reusedConnection: Bool = false) {
        if proxyConnectStatus != 0 && !(200..<300).contains(proxyConnectStatus) {
            code = .proxyRefused
            detail =
                "the proxy answered \(proxyConnectStatus) to CONNECT (\(message)); check http.proxy and its "
                + "credentials, and that the proxy allows this host"
            return
        }
        detail = message
        switch result {
        case CURLE_WEIRD_SERVER_REPLY where reusedConnection, CURLE_UNSUPPORTED_PROTOCOL where reusedConnection:
            // Bytes an earlier response left on a kept-alive connection (a Content-Length shorter than its
            // body) read as this response: the connection is broken, not the server ("Received HTTP/0.9").
            code = .brokenReusedConnection
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY, CURLE_COULDNT_CONNECT:
            code = .connectFailed
        case CURLE_OPERATION_TIMEDOUT:
            // libcurl's messages are fixed English text: "Operation too slow", "Connection timed out after",
            // "Resolving timed out after", "SSL connection timeout", "Operation timed out after".
            if message.contains("too slow") {
                code = .stalled
            } else if message.contains("Connection timed out") || message.contains("Resolving timed out")
                || message.contains("SSL connection timeout")
            {
                code = .connectTimeout
            } else {
                code = .deadlineExceeded
            }
        case CURLE_PARTIAL_FILE, CURLE_RECV_ERROR, CURLE_SEND_ERROR, CURLE_GOT_NOTHING, CURLE_HTTP2,
            CURLE_HTTP2_STREAM:
            code = .connectionLost
        case CURLE_SSL_CONNECT_ERROR:
            // A handshake the peer cut short (a reset, an early close: OpenSSL's SSL_ERROR_SYSCALL or an
            // unexpected EOF) is a network hiccup, and nothing was sent yet; any other handshake failure is TLS.
            let cutShort = ["SSL_ERROR_SYSCALL", "Connection reset", "unexpected eof", "unexpected EOF"].contains {
                message.contains($0)
            }
            code = cutShort ? .connectFailed : .tls
        case CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CACERT_BADFILE, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER,
            CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH:
            code = .tls
        default:
            code = .transport
        }
    }
}
