//! The UniFFI generator, pinned to this workspace's UniFFI version:
//! `uniffi-bindgen generate --library libmcx_connect_ffi.so --language kotlin --out-dir out/`.
fn main() {
    uniffi::uniffi_bindgen_main()
}
