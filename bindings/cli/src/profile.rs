//! `profile FILE...`: what TS 24.484 documents say about the user, the partner systems and
//! their endpoints, and group-level token endpoints.

use crate::output::{self, Ctx, Table};
use crate::{read_bytes, Failure, Outcome, ProfileArgs};
use mcx_connect::{
    AppServerInfo, DocumentKind, EndpointPolicy, Error, GroupServerInfo, InitialConfiguration, PartnerShape,
    PartnerSystem, ProfileError, RejectedKind, UserProfile,
};
use serde_json::{json, Value};

/// One document as shown: the parts the options selected.
struct Shown<'a> {
    file: &'a str,
    profile: &'a UserProfile,
    partners: Vec<&'a PartnerSystem>,
    groups: Vec<&'a GroupServerInfo>,
}

/// `profile FILE... [--service S] [--partner ID] [--group ID] [--token-endpoint]`.
pub(crate) fn run(ctx: &Ctx, args: ProfileArgs, stdin_used: &mut bool) -> Outcome {
    let policy =
        if args.allow_loopback_http { EndpointPolicy::ALLOW_LOOPBACK_HTTP } else { EndpointPolicy::HTTPS_ONLY };
    let mut documents = Vec::new();
    for file in &args.files {
        let bytes = read_bytes(file, stdin_used)?;
        match UserProfile::parse(&bytes, policy) {
            Ok(profile) => documents.push((file.as_str(), profile)),
            Err(error) => return Err(file_error(ctx, file, error)),
        }
    }
    let service = args.service.map(crate::Service::core);
    if let Some(service) = service {
        if !documents.iter().any(|(_, p)| p.service() == Some(service)) {
            return Err(invalid(ctx, ProfileError::ServiceNotLoaded { service }));
        }
    }
    let narrowed = args.partner.is_some() || args.group.is_some();
    let in_scope = documents.iter().filter(|(_, p)| service.is_none() || p.service() == service);
    let mut shown = Vec::new();
    let mut not_found = None;
    for (file, profile) in in_scope {
        let partners = match (&args.partner, &args.group) {
            (None, None) => profile.partners().iter().collect(),
            (Some(id), _) => match profile.partner(id) {
                Ok(partner) => vec![partner],
                Err(error) => {
                    keep_most_precise(&mut not_found, error);
                    Vec::new()
                }
            },
            (None, Some(_)) => Vec::new(),
        };
        let groups = match (&args.partner, &args.group) {
            (None, None) => profile.groups().iter().collect(),
            (_, Some(id)) => match profile.group(id) {
                Ok(group) => vec![group],
                Err(error) => {
                    keep_most_precise(&mut not_found, error);
                    Vec::new()
                }
            },
            (Some(_), None) => Vec::new(),
        };
        // Narrowed to a partner or group: only the documents that have it.
        if !narrowed || !partners.is_empty() || !groups.is_empty() {
            shown.push(Shown { file, profile, partners, groups });
        }
    }
    if narrowed && shown.is_empty() {
        if let Some(error) = not_found {
            return Err(invalid(ctx, error));
        }
    }
    if args.token_endpoint {
        return token_endpoint(ctx, &args, &shown);
    }
    if ctx.json {
        output::print_json(&json!({ "documents": shown.iter().map(|s| document_json(s)).collect::<Vec<_>>() }));
    } else {
        let text: Vec<String> = shown.iter().map(|s| document_text(ctx, s)).collect();
        output::print(&text.join("\n"));
    }
    Ok(())
}

/// Keeps the first look-up error, unless a later document rejected the partner or group (a
/// precise reason) where the earlier one only did not list it.
fn keep_most_precise(kept: &mut Option<ProfileError>, error: ProfileError) {
    let not_listed =
        |e: &ProfileError| matches!(e, ProfileError::PartnerNotFound { .. } | ProfileError::GroupNotFound { .. });
    if kept.as_ref().is_none_or(|k| not_listed(k) && !not_listed(&error)) {
        *kept = Some(error);
    }
}

fn invalid(ctx: &Ctx, error: impl Into<Error>) -> Failure {
    output::print_error(ctx, &error.into());
    Failure::Invalid
}

/// A document that cannot be read: the core's error, naming the file.
fn file_error(ctx: &Ctx, file: &str, error: ProfileError) -> Failure {
    let error = Error::from(error);
    if ctx.json {
        output::print_json(&json!({ "file": file, "error": output::error_object(&error) }));
    } else {
        let mut table = Table::new();
        table
            .row("file", file)
            .row("result", ctx.bad("invalid"))
            .row("error", error.code())
            .row("description", error.to_string());
        output::print(&table.render(ctx));
    }
    Failure::Invalid
}

/// `--token-endpoint`: exactly one URL, or a usage error telling how to narrow the selection.
fn token_endpoint(ctx: &Ctx, args: &ProfileArgs, shown: &[Shown<'_>]) -> Outcome {
    let mut endpoints: Vec<(String, &str)> = Vec::new();
    if let Some(group_id) = &args.group {
        for s in shown.iter().filter(|s| !s.groups.is_empty()) {
            let url = s.profile.group_token_endpoint(group_id).map_err(|e| invalid(ctx, e))?;
            endpoints.push((format!("group {group_id}"), url));
        }
    } else {
        for s in shown {
            for partner in &s.partners {
                endpoints.push((
                    format!("partner {} ({})", partner.id(), partner.service().as_str()),
                    partner.token_endpoint(),
                ));
            }
        }
        if endpoints.is_empty() && args.partner.is_none() {
            for s in shown {
                if let Some(primary) = s.profile.primary() {
                    endpoints.push((
                        format!("primary {}", primary.domain),
                        primary.app_server_info.idms_token_endpoint.as_str(),
                    ));
                }
            }
        }
    }
    let mut urls: Vec<&str> = endpoints.iter().map(|(_, url)| *url).collect();
    urls.sort_unstable();
    urls.dedup();
    match urls.as_slice() {
        [url] => {
            if ctx.json {
                output::print_json(&json!({ "token_endpoint": url }));
            } else {
                output::print(&format!("{url}\n"));
            }
            Ok(())
        }
        [] => Err(Failure::Usage("the documents name no token endpoint for this selection".to_owned())),
        _ => {
            let names: Vec<&str> = endpoints.iter().map(|(name, _)| name.as_str()).collect();
            Err(Failure::Usage(format!(
                "{} token endpoints match ({}); narrow with --partner, --service or --group",
                urls.len(),
                names.join(", ")
            )))
        }
    }
}

fn document_kind(profile: &UserProfile) -> &'static str {
    match profile.kind() {
        DocumentKind::UserProfile { .. } => "user_profile",
        DocumentKind::UeInitialConfiguration => "ue_initial_configuration",
    }
}

fn shape(shape: PartnerShape) -> &'static str {
    match shape {
        PartnerShape::AccessInformation => "access_information",
        PartnerShape::Direct => "direct",
    }
}

fn servers_json(info: &AppServerInfo) -> Value {
    json!({
        "idms_token_endpoint": info.idms_token_endpoint,
        "idms_auth_endpoint": info.idms_auth_endpoint,
        "http_proxy": info.http_proxy,
        "gms": info.gms,
        "cms": info.cms,
        "kms": info.kms,
        "tls_tunnel_mutual_authentication": info.tls_tunnel_mutual_authentication,
    })
}

/// The addresses left out as read leniently (`endpoint_ignored`): code, element, reason.
fn ignored_json(configuration: &InitialConfiguration) -> Value {
    configuration
        .normalisations
        .iter()
        .map(|n| json!({ "code": n.code, "element": n.parameter, "description": n.description }))
        .collect()
}

fn configuration_json(configuration: &InitialConfiguration) -> Value {
    json!({
        "domain": configuration.domain,
        "servers": servers_json(&configuration.app_server_info),
        "ignored": ignored_json(configuration),
    })
}

fn document_json(s: &Shown<'_>) -> Value {
    json!({
        "file": s.file,
        "kind": document_kind(s.profile),
        "service": s.profile.service().map(|service| service.as_str()),
        "user": s.profile.xui_uri(),
        "primary": s.profile.primary().map(configuration_json),
        "partners": s.partners.iter().map(|p| json!({
            "id": p.id(),
            "system_id": p.system_id(),
            "service": p.service().as_str(),
            "shape": shape(p.shape()),
            "domain": p.initial_configuration().domain,
            "token_endpoint": p.token_endpoint(),
            "servers": servers_json(p.app_server_info()),
            "ignored": ignored_json(p.initial_configuration()),
        })).collect::<Vec<_>>(),
        "groups": s.groups.iter().map(|g| json!({
            "group_id": g.group_id,
            "token_endpoint": g.idms_token_endpoint,
        })).collect::<Vec<_>>(),
        // The core's own record as it serialises: `kind` (`partner_system` | `group`), `id`, `code`, `description`.
        "rejected": s.profile.rejected(),
    })
}

fn servers_rows(table: &mut Table, info: &AppServerInfo) {
    table
        .row("  idms-token-endpoint", info.idms_token_endpoint.as_str())
        .opt("  idms-auth-endpoint", info.idms_auth_endpoint.as_deref())
        .opt("  http-proxy", info.http_proxy.as_deref())
        .opt("  gms", info.gms.as_deref())
        .opt("  cms", info.cms.as_deref())
        .opt("  kms", info.kms.as_deref())
        .opt("  tls mutual auth", info.tls_tunnel_mutual_authentication.map(|on| if on { "yes" } else { "no" }));
}

/// An address left out as read leniently, one row each: never dropped silently.
fn ignored_rows(table: &mut Table, configuration: &InitialConfiguration) {
    for note in &configuration.normalisations {
        table.row("  ignored", format!("{}: {}", note.code, note.description));
    }
}

fn document_text(ctx: &Ctx, s: &Shown<'_>) -> String {
    let mut table = Table::new();
    table.row("file", s.file);
    let what = match s.profile.kind() {
        DocumentKind::UserProfile { service } => format!("MC service user profile ({})", service.as_str()),
        DocumentKind::UeInitialConfiguration => "mcptt-UE-initial-configuration (the primary system)".to_owned(),
    };
    table.row("document", what);
    table.opt("user", s.profile.xui_uri());
    if let Some(primary) = s.profile.primary() {
        table.row("primary", format!("domain {}", primary.domain));
        servers_rows(&mut table, &primary.app_server_info);
        ignored_rows(&mut table, primary);
    }
    for partner in &s.partners {
        let system_id = partner.system_id().map_or_else(|| " (no system id)".to_owned(), |_| String::new());
        table.row(
            "partner",
            format!("{}{system_id} — {}, {}", partner.id(), partner.service().as_str(), shape(partner.shape())),
        );
        table.row("  domain", partner.initial_configuration().domain.as_str());
        servers_rows(&mut table, partner.app_server_info());
        ignored_rows(&mut table, partner.initial_configuration());
    }
    if s.partners.is_empty() && s.profile.primary().is_none() {
        table.row("partners", ctx.dim("none"));
    }
    for group in &s.groups {
        table.row(
            "group",
            format!(
                "{} → {}",
                group.group_id,
                group.idms_token_endpoint.as_deref().unwrap_or("(no group token endpoint)")
            ),
        );
    }
    // What could not be used is reported, not dropped (the profile is read liberally).
    for rejected in s.profile.rejected() {
        let kind = match rejected.kind {
            RejectedKind::PartnerSystem => "partner system",
            RejectedKind::Group => "group",
        };
        table.row(
            "rejected",
            format!(
                "{kind} {} — {}: {}",
                rejected.id.as_deref().unwrap_or("(no id)"),
                rejected.code,
                rejected.description
            ),
        );
    }
    table.render(ctx)
}
