//! TLS trust for the CLI: the Mozilla roots, or a private CA (`--ca-file`, as MC deployments
//! use); optionally the server key pinned by the SHA-256 of its SubjectPublicKeyInfo
//! (`--pin-sha256`): the chain must verify AND the pin must match.

use super::{cert, NetError, PeerCertificate};
use base64ct::{Base64, Encoding};
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::client::WebPkiServerVerifier;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{ClientConfig, ClientConnection, DigitallySignedStruct, RootCertStore, SignatureScheme, StreamOwned};
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

/// The webpki verifier, then the pin.
#[derive(Debug)]
struct PinningVerifier {
    inner: Arc<WebPkiServerVerifier>,
    pins: Vec<[u8; 32]>,
}

impl ServerCertVerifier for PinningVerifier {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        let verified = self.inner.verify_server_cert(end_entity, intermediates, server_name, ocsp_response, now)?;
        match spki_sha256(end_entity) {
            Some(digest) if self.pins.contains(&digest) => Ok(verified),
            _ => Err(rustls::Error::General("the server key matches no --pin-sha256".to_owned())),
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.inner.verify_tls12_signature(message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.inner.verify_tls13_signature(message, cert, dss)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.inner.supported_verify_schemes()
    }
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
        let builder = ClientConfig::builder_with_provider(provider.clone())
            .with_safe_default_protocol_versions()
            .map_err(tls_error)?;
        let config = if self.pins.is_empty() {
            builder.with_root_certificates(roots).with_no_client_auth()
        } else {
            let inner =
                WebPkiServerVerifier::builder_with_provider(Arc::new(roots), provider).build().map_err(tls_error)?;
            builder
                .dangerous()
                .with_custom_certificate_verifier(Arc::new(PinningVerifier { inner, pins: self.pins.clone() }))
                .with_no_client_auth()
        };
        Ok(Arc::new(config))
    }

    /// Connects and completes the handshake (so that a trust failure is reported as such).
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
