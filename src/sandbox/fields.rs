//! `GET /saas/cdp/openapi/customers/fields` (API.md section 2): the tenant's customer fields.

use super::{refuse, Sandbox};
use crate::wire::ApiCode;
use axum::extract::{Query as UrlQuery, State};
use axum::http::{HeaderMap, Method};
use axum::response::Response;
use serde_json::json;
use std::collections::HashMap;
use std::sync::Arc;

pub(super) async fn fields(
    State(sb): State<Arc<Sandbox>>,
    headers: HeaderMap,
    UrlQuery(params): UrlQuery<HashMap<String, String>>,
) -> Response {
    if let Err(fault) = sb.begin().await {
        return fault;
    }
    let list = || {
        sb.authenticate(&Method::GET, &headers, b"")?;
        let tenant_id = params.get("tenant_id").and_then(|t| t.parse().ok());
        let app_key = params
            .get("app_key")
            .map(String::as_str)
            .unwrap_or_default();
        let Some(tenant_id) = tenant_id else {
            return refuse(
                ApiCode::ParameterError,
                "tenant_id is required and must be an integer",
            );
        };
        sb.check_tenant(tenant_id, app_key)?;
        let preset = match params.get("is_preset").map(String::as_str) {
            None => None,
            Some("true") => Some(true),
            Some("false") => Some(false),
            Some(_) => return refuse(ApiCode::ParameterError, "is_preset must be true or false"),
        };
        Ok(field_list(tenant_id)
            .into_iter()
            .filter(|f| preset.is_none_or(|p| f["is_preset"] == p))
            .collect::<Vec<_>>())
    };
    sb.answer(list())
}

/// The tenant's fields: the preset ones and the custom ones the generated data uses.
fn field_list(tenant_id: i64) -> Vec<serde_json::Value> {
    let choices = |options: &[&str]| {
        let list: Vec<_> = options
            .iter()
            .enumerate()
            .map(|(i, name)| json!({"id": (i + 1).to_string(), "name": name}))
            .collect();
        serde_json::Value::String(serde_json::to_string(&list).expect("serializes"))
    };
    let rows: [(&str, &str, &str, u8, bool, serde_json::Value); 8] = [
        ("first_name", "名", "First name", 1, true, json!(null)),
        ("last_name", "姓", "Last name", 1, true, json!(null)),
        ("email", "邮箱", "Email", 1, true, json!(null)),
        ("sms_phone", "手机号", "Phone", 1, true, json!(null)),
        ("customize_1_1", "公司", "Company", 1, false, json!(null)),
        (
            "customize_3_17",
            "套餐",
            "Plan",
            3,
            false,
            choices(&["Free", "Pro", "Enterprise"]),
        ),
        (
            "customize_4_52",
            "兴趣",
            "Interests",
            4,
            false,
            choices(&["Sports", "Music", "Travel, food"]),
        ),
        (
            "customize_5_9",
            "续约日期",
            "Renewal date",
            5,
            false,
            json!(null),
        ),
    ];
    rows.into_iter()
        .enumerate()
        .map(
            |(i, (name, display, display_en, field_type, preset, info))| {
                json!({
                    "id": 9000 + i as i64,
                    "tenantId": tenant_id,
                    "name": name,
                    "display_name": display,
                    "display_en_name": display_en,
                    "is_display": true,
                    "field_type": field_type,
                    "required": false,
                    "sequence": i,
                    "remark": null,
                    "field_type_info": info,
                    "is_preset": preset,
                })
            },
        )
        .collect()
}
