//! A large generated MCVideo user profile for the benchmark and the memory measurement:
//! hundreds of partner systems (full initial configuration each) and thousands of groups.

/// An MCVideo user profile (released V20 shape) with `partners` partner systems and `groups`
/// groups, each group with its own IdMS token endpoint.
pub(crate) fn large_profile(partners: usize, groups: usize) -> String {
    let mut xml = String::with_capacity(partners * 1_700 + groups * 330 + 1_024);
    xml.push_str(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<mcvideo-user-profile xmlns=\"urn:3gpp:ns:mcvideo:user-profile:1.0\" \
         xmlns:cp=\"urn:ietf:params:xml:ns:common-policy\" XUI-URI=\"sip:alice@video.primary.example\" user-profile-index=\"1\">\n  \
         <Name xml:lang=\"en\">Alice</Name>\n  <Status>true</Status>\n  <OnNetwork index=\"1\">\n",
    );
    for g in 0..groups {
        xml.push_str(&format!(
            "    <MCVideoGroupInfo><MCVideo-Group-ID><uri-entry>sip:group-{g}@video.primary.example</uri-entry>\
             <display-name>Group {g}</display-name></MCVideo-Group-ID><GMS-Serv-Id><uri-entry>sip:gms@video.primary.example</uri-entry>\
             </GMS-Serv-Id><IdMS-Token-Endpoint><uri-entry>https://idms-{}.primary.example/token</uri-entry></IdMS-Token-Endpoint>\
             </MCVideoGroupInfo>\n",
            g % 7
        ));
    }
    xml.push_str("    <anyExt>\n");
    for p in 0..partners {
        let d = format!("partner-{p}.example");
        xml.push_str(&format!(
            "      <MigratablePartnerMCVideoSystemInfo>\n        <PartnerMCVideoSystemId>urn:mc:partner-{p}:video</PartnerMCVideoSystemId>\n        \
             <mcptt-UE-initial-configuration xmlns=\"urn:3gpp:mcptt:mcpttUEinitConfig:1.0\" domain=\"{d}\">\n          <name>Partner {p}</name>\n          \
             <on-network>\n            <Timers><T100>4</T100><T101>4</T101><T103>4</T103><T104>4</T104><T132>6</T132></Timers>\n            \
             <HPLMN PLMN=\"00101\"><service><MCPTT-to-con-ref>internet</MCPTT-to-con-ref><MC-common-core-to-con-ref>internet</MC-common-core-to-con-ref>\
             <MC-ID-to-con-ref>internet</MC-ID-to-con-ref></service></HPLMN>\n            <App-Server-Info>\n              \
             <idms-auth-endpoint>https://idms.{d}/authorize</idms-auth-endpoint>\n              <idms-token-endpoint>https://idms.{d}/token</idms-token-endpoint>\n              \
             <http-proxy>https://proxy.{d}:8443</http-proxy>\n              <gms>https://gms.{d}</gms>\n              <cms>https://cms.{d}</cms>\n              \
             <kms>https://kms.{d}/keymanagement/identity/v1</kms>\n              <tls-tunnel-auth-method><mutual-authentication>true</mutual-authentication></tls-tunnel-auth-method>\n            \
             </App-Server-Info>\n            <GMS-URI>sip:gms-psi@{d}</GMS-URI>\n            <group-creation-XUI>sip:group-creation@{d}</group-creation-XUI>\n            \
             <GMS-XCAP-root-URI>https://gms.{d}/xcap-root</GMS-XCAP-root-URI>\n            <CMS-XCAP-root-URI>https://cms.{d}/xcap-root</CMS-XCAP-root-URI>\n            \
             <integrity-protection-enabled>true</integrity-protection-enabled>\n            <confidentiality-protection-enabled>true</confidentiality-protection-enabled>\n          \
             </on-network>\n        </mcptt-UE-initial-configuration>\n      </MigratablePartnerMCVideoSystemInfo>\n"
        ));
    }
    xml.push_str(
        "    </anyExt>\n  </OnNetwork>\n  <cp:ruleset><cp:rule id=\"auth\"><cp:actions><allow-private-call>true</allow-private-call></cp:actions></cp:rule></cp:ruleset>\n\
         </mcvideo-user-profile>\n",
    );
    xml
}

/// The hostile documents of the benchmark (issue 14 §3), each `size` bytes or just under, by
/// name: `attributes` (360 000 attributes on the root at 3.85 MB), `duplicate` (the same with a
/// duplicate after them), `elements` (16 namespace bindings on the root, then empty elements
/// resolved against them), `declarations` (a namespace declaration on every element).
#[allow(dead_code)]
pub(crate) fn hostile_profile(name: &str, size: usize) -> Option<String> {
    let attribute = |i: usize| format!(" a{i}=\"v\"");
    let declarations = |_: usize| (0..15).map(|i| format!(" xmlns:p{i}=\"urn:x\"")).collect::<String>();
    Some(match name {
        "attributes" => hostile(size, &attribute, ""),
        "duplicate" => {
            let mut xml = hostile(size - 8, &attribute, "");
            xml.insert_str(xml.len() - "></mcvideo-user-profile>".len(), " a0=\"w\"");
            xml
        }
        "elements" => hostile(size, &declarations, "<x/>"),
        "declarations" => hostile(size, &|_| String::new(), "<x xmlns:q='urn:q'/>"),
        _ => return None,
    })
}

/// `<mcvideo-user-profile` with `head` on its root, then `item` repeated in the root until the
/// document is `size` bytes (or the head alone when `item` is empty: then the head is filled).
fn hostile(size: usize, head: &dyn Fn(usize) -> String, item: &str) -> String {
    let open = "<mcvideo-user-profile xmlns=\"urn:3gpp:ns:mcvideo:user-profile:1.0\" XUI-URI=\"sip:a@x\"";
    let close = "</mcvideo-user-profile>";
    let mut xml = String::with_capacity(size + 64);
    xml.push_str(open);
    let mut i = 0;
    while item.is_empty() && xml.len() + close.len() + 1 < size {
        xml.push_str(&head(i));
        i += 1;
    }
    if !item.is_empty() {
        xml.push_str(&head(0));
    }
    xml.push('>');
    while !item.is_empty() && xml.len() + close.len() < size {
        xml.push_str(item);
    }
    xml.push_str(close);
    xml
}
