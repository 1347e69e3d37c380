//! The token request at the partner IdMS (TS 33.180 B.7.4; RFC 7523).

use crate::request::token_request;
use wasm_bindgen::prelude::*;

token_request!(
    JwtBearerRequest,
    #[doc = " Builds the POST to the partner token endpoint (`JwtBearerRequest::build`)."]
    build: build_jwt_bearer_request = buildJwtBearerRequest,
    #[doc = " Server role: reads an incoming partner token request (`JwtBearerRequest::parse`); throws"]
    #[doc = " with the RFC error a server answers with."]
    parse: parse_jwt_bearer_request = parseJwtBearerRequest -> "Parsed<Required<JwtBearerRequest>>",
);
