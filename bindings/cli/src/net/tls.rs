//! TLS trust for the CLI: the Mozilla roots, or a private CA (`--ca-file`, as MC deployments
//! use); optionally the server key pinned by the SHA-256 of its SubjectPublicKeyInfo
//! (`--pin-sha256`): the chain must verify AND the pin must match (checked as soon as the
//! handshake is done, before the request is sent).

use super::{cert, NetError, PeerCertificate};
use base64ct::{Base64, Encoding};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName};
use rustls::{ClientConfig, ClientConnection, RootCertStore, StreamOwned};
use sha2::{Digest, Sha256};
use std::net::TcpStream;
use std::sync::Arc;

/// What the user said about trust.
#[derive(Debug, Clone, Default)]
pub(crate) struct TlsOptions {
    /// PEM certificates of the CA(s) to trust instead of the Mozilla roots.
    pub(crate) ca_pem: Option<Vec<u8>>,
    /// Accepted SHA-256 digests of the server's SubjectPublicKeyInfo.
    pub(crate) pins: Vec<[u8; 32]>,
}

/// Reads a `--pin-sha256` value: base64 (standard, as `openssl … | base64` and curl's
/// `sha256//` form print it) of 32 bytes.
pub(crate) fn parse_pin(text: &str) -> Result<[u8; 32], String> {
    let text = text.strip_prefix("sha256//").unwrap_or(text);
    let bytes = Base64::decode_vec(text).map_err(|_| "a pin is the base64 of a SHA-256 digest".to_owned())?;
    bytes.try_into().map_err(|_| "a pin is the base64 of 32 bytes (a SHA-256 digest)".to_owned())
}

fn spki_sha256(der: &[u8]) -> Option<[u8; 32]> {
    cert::fields(der).map(|f| Sha256::digest(f.spki).into())
}

fn tls_error(what: impl std::fmt::Display) -> NetError {
    NetError::new("tls_failed", format!("TLS: {what}"))
}

impl TlsOptions {
    fn config(&self) -> Result<Arc<ClientConfig>, NetError> {
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let mut roots = RootCertStore::empty();
        match &self.ca_pem {
            Some(pem) => {
                for certificate in CertificateDer::pem_slice_iter(pem) {
                    let certificate = certificate.map_err(|e| tls_error(format!("--ca-file is not PEM: {e}")))?;
                    roots.add(certificate).map_err(|e| tls_error(format!("--ca-file: {e}")))?;
                }
                if roots.is_empty() {
                    return Err(tls_error("--ca-file holds no certificate"));
                }
            }
            None => roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned()),
        }
        let config = ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(tls_error)?
            .with_root_certificates(roots)
            .with_no_client_auth();
        Ok(Arc::new(config))
    }

    /// Connects and completes the handshake (so that a trust failure is reported as such); with
    /// pins, the verified server key must then match one, before anything is sent.
    pub(super) fn connect(
        &self,
        host: &str,
        mut tcp: TcpStream,
    ) -> Result<StreamOwned<ClientConnection, TcpStream>, NetError> {
        let name =
            ServerName::try_from(host.to_owned()).map_err(|_| tls_error(format!("`{host}` is not a server name")))?;
        let mut conn = ClientConnection::new(self.config()?, name).map_err(tls_error)?;
        while conn.is_handshaking() {
            conn.complete_io(&mut tcp).map_err(|e| io_error(host, e))?;
        }
        if !self.pins.is_empty() {
            let key = conn.peer_certificates().and_then(|chain| chain.first()).and_then(|der| spki_sha256(der));
            if !key.is_some_and(|digest| self.pins.contains(&digest)) {
                return Err(tls_error(format!("{host}: the server key matches no --pin-sha256")));
            }
        }
        Ok(StreamOwned::new(conn, tcp))
    }
}

/// An I/O error on a TLS stream: rustls reports certificate and handshake failures as
/// `InvalidData` errors wrapping its own.
pub(super) fn io_error(authority: &str, error: std::io::Error) -> NetError {
    if error.kind() == std::io::ErrorKind::InvalidData {
        tls_error(format!("{authority}: {error}"))
    } else {
        NetError::new("http_io_failed", format!("{authority}: {error}"))
    }
}

/// The server's end-entity certificate, as shown in verbose output.
pub(super) fn peer_certificate(conn: &ClientConnection) -> Option<PeerCertificate> {
    let der = conn.peer_certificates()?.first()?;
    let fields = cert::fields(der)?;
    Some(PeerCertificate {
        subject: cert::name_text(fields.subject),
        not_after: cert::time_text(fields.not_after_tag, fields.not_after),
        spki_sha256: Base64::encode_string(&Sha256::digest(fields.spki)),
    })
}
