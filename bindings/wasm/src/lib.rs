//! # mcx-connect-wasm
//!
//! The wasm-bindgen layer that makes the npm package `mcx-connect` out of the
//! [`mcx_connect`] core. It only translates: JavaScript values (plain objects, strings,
//! `Uint8Array`) in, core values through the core's own functions, JavaScript values out.
//! Every failure is thrown as a `McxConnectError` (defined in `js/error.js`) carrying the
//! core's stable `code`, and for server-role refusals the RFC `oauthError`, the
//! `description` a server sends and the HTTP `status` of the error response.
//!
//! Cargo features `login`, `flow`, `profile` and `token` (all default) leave those families out of a smaller build
//! (`bench/size.sh` reports what each costs).
//!
//! One module per API family, mirroring the core's modules. The shapes are the core's own types:
//! the core's `wasm` feature derives `tsify::Tsify` on them (their TypeScript declarations, with
//! the core's rustdoc) and gives them camelCase serde names. Functions take and return them as
//! `tsify::Ts<T>` or name them with `unchecked_param_type` / `unchecked_return_type`, so the
//! package's `.d.ts` has no `any` and no hand-written TypeScript. What stays here cannot cross as a
//! plain value (classes over stateful core values, validator options the core builds step by step,
//! the WebCrypto seam) and says why.
// The core's `wasm` feature (its types' derives) is on only for wasm32 (Cargo.toml), so that a
// native workspace build never takes its serde names: on other targets this crate is empty.
#![cfg(target_arch = "wasm32")]
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod client;
pub mod constants;
pub mod convert;
pub mod endpoint;
pub mod error;
pub mod exchange;
#[cfg(feature = "flow")]
pub mod flow;
pub mod form;
#[cfg(feature = "token")]
mod host_crypto;
pub mod http;
#[cfg(feature = "token")]
pub mod issue;
pub mod jwt_bearer;
#[cfg(feature = "login")]
pub mod login;
#[cfg(feature = "profile")]
pub mod profile;
mod request;
pub mod response;
pub mod scope;
#[cfg(feature = "token")]
pub mod token;
pub mod token_endpoint;

/// Every block of the wasm heap is overwritten with zeros when it is freed: the wasm memory
/// outlives each call and can be read by any script holding the module, and what passes through
/// the heap includes tokens, claims, client secrets and key bytes (strings handed in, their
/// decoded copies, the JSON texts crossing the boundary, the HTTP messages built and read).
/// 1Password's `zeroizing-alloc` around the standard allocator: `memset` through a function
/// pointer read volatilely, so the optimiser cannot drop it; a `realloc` copies to a new block
/// and frees (so wipes) the old one.
#[global_allocator]
static HEAP: zeroizing_alloc::ZeroAlloc<std::alloc::System> = zeroizing_alloc::ZeroAlloc(std::alloc::System);
