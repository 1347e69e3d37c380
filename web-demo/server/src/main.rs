//! `mcx-connect-demo`: the loopback demo server (primary and partner IdMS) and the console.
//!
//! ```text
//! mcx-connect-demo [--port N] [--host ADDR] [--web-dir DIR] [--pkg-dir DIR]
//! ```

use mcx_connect_demo::{start, Config};
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::process::ExitCode;

fn usage() -> ExitCode {
    eprintln!("usage: mcx-connect-demo [--port N] [--host ADDR] [--web-dir DIR] [--pkg-dir DIR]");
    ExitCode::from(2)
}

#[tokio::main]
async fn main() -> ExitCode {
    let mut config = Config::default();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let Some(value) = args.next() else { return usage() };
        match arg.as_str() {
            "--port" => match value.parse::<u16>() {
                Ok(port) => config.addr.set_port(port),
                Err(_) => return usage(),
            },
            "--host" => match value.parse::<IpAddr>() {
                Ok(ip) => config.addr = SocketAddr::new(ip, config.addr.port()),
                Err(_) => return usage(),
            },
            "--web-dir" => config.web_dir = PathBuf::from(value),
            "--pkg-dir" => config.pkg_dir = PathBuf::from(value),
            _ => return usage(),
        }
    }
    if !config.pkg_dir.join("mcx_connect.js").is_file() {
        eprintln!(
            "warning: the npm package's web build is missing at {} (run bash bindings/wasm/build.sh)",
            config.pkg_dir.display()
        );
    }
    let server = match start(config).await {
        Ok(server) => server,
        Err(e) => {
            eprintln!("mcx-connect-demo: {e}");
            return ExitCode::FAILURE;
        }
    };
    println!("mcx-connect demo: open {}/", server.base_url);
    println!("  primary IdMS {0}/primary, partner IdMS {0}/partner/a and {0}/partner/b", server.base_url);
    tokio::select! {
        result = server.task => match result {
            Ok(Ok(())) => ExitCode::SUCCESS,
            Ok(Err(e)) => { eprintln!("mcx-connect-demo: {e}"); ExitCode::FAILURE }
            Err(_) => ExitCode::FAILURE,
        },
        _ = tokio::signal::ctrl_c() => ExitCode::SUCCESS,
    }
}
