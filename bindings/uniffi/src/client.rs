//! How a client authenticates at a token endpoint (RFC 6749 §2.3).

use mcx_connect::Secret;

// Mirrored: the core's first variant is `None`, which UniFFI 0.29 cannot rename and Swift would
// read as `Optional.none` wherever the value is optional; here it is `Omitted`.
/// Client authentication.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum ClientAuthentication {
    /// No client authentication and no `client_id`.
    Omitted,
    /// A public client: `client_id` in the body.
    ClientId {
        /// The client id.
        client_id: String,
    },
    /// `client_secret_basic`: HTTP Basic with the form-encoded id and secret.
    ClientSecretBasic {
        /// The client id.
        client_id: String,
        /// The client secret.
        client_secret: Secret,
    },
    /// `client_secret_post`: id and secret in the body.
    ClientSecretPost {
        /// The client id.
        client_id: String,
        /// The client secret.
        client_secret: Secret,
    },
}

impl From<ClientAuthentication> for mcx_connect::ClientAuthentication {
    fn from(c: ClientAuthentication) -> Self {
        match c {
            ClientAuthentication::Omitted => Self::None,
            ClientAuthentication::ClientId { client_id } => Self::ClientId { client_id },
            ClientAuthentication::ClientSecretBasic { client_id, client_secret } => {
                Self::ClientSecretBasic { client_id, client_secret }
            }
            ClientAuthentication::ClientSecretPost { client_id, client_secret } => {
                Self::ClientSecretPost { client_id, client_secret }
            }
        }
    }
}

impl From<mcx_connect::ClientAuthentication> for ClientAuthentication {
    fn from(c: mcx_connect::ClientAuthentication) -> Self {
        match c {
            mcx_connect::ClientAuthentication::ClientId { client_id } => Self::ClientId { client_id },
            mcx_connect::ClientAuthentication::ClientSecretBasic { client_id, client_secret } => {
                Self::ClientSecretBasic { client_id, client_secret }
            }
            mcx_connect::ClientAuthentication::ClientSecretPost { client_id, client_secret } => {
                Self::ClientSecretPost { client_id, client_secret }
            }
            mcx_connect::ClientAuthentication::None => Self::Omitted,
        }
    }
}
