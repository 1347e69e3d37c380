//! The migration flow fed arbitrary responses (status and body) at every step, and arbitrary
//! saved-flow JSON.
#![no_main]
use libfuzzer_sys::fuzz_target;
use mcx_connect::*;

fuzz_target!(|data: &[u8]| {
    let config = MigrationConfig::new("https://primary.example/token", "client", ScopeSet::for_service(McService::Data));
    let target = MigrationTarget {
        service: McService::Data,
        partner_system_id: None,
        partner_token_endpoint: "https://partner.example/token".into(),
    };
    let Ok(mut flow) = MigrationFlow::new(config, target, Secret::new("access")) else { return };
    let now = 1_800_000_000;
    for chunk in data.split(|&b| b == 0xff).take(6) {
        let Some((&status, body)) = chunk.split_first() else { continue };
        let _ = flow.next_request(now);
        let response = HttpResponse::json([200u16, 400, 401, 500][usize::from(status) % 4], body.to_vec());
        let _ = flow.handle_response(&response, now);
    }
    let _ = MigrationFlow::restore(&flow.save(true), FlowSecrets::default());
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = MigrationFlow::restore(text, FlowSecrets::default());
    }
});
