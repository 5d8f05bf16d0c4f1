package io.gomsggw.http.admin;

import io.gomsggw.core.admin.CarrierPatch;
import io.gomsggw.core.admin.ClientSettingsPatch;
import io.gomsggw.core.admin.FailoverPatch;
import io.gomsggw.core.admin.LimitsPatch;
import io.gomsggw.core.admin.NewCarrier;
import io.gomsggw.core.admin.NewClient;
import io.gomsggw.core.admin.NewFailover;
import io.gomsggw.core.admin.NewNumber;
import io.gomsggw.core.admin.NumberPatch;
import io.gomsggw.core.admin.NumberSettingsPatch;
import io.gomsggw.http.JsonFields;

/** Reads admin request bodies (snake_case JSON, as in docs/admin-api.md) into the admin service's request types. */
final class AdminRequests {
    private AdminRequests() {}

    static NewClient newClient(JsonFields f) {
        return new NewClient(
                f.text("username"),
                f.text("password"),
                f.text("name"),
                f.text("type"),
                f.text("address"),
                f.text("timezone"),
                f.bool("log_privacy"));
    }

    static ClientSettingsPatch clientSettings(JsonFields f) {
        return new ClientSettingsPatch(
                f.text("auth_method"),
                f.text("api_format"),
                f.bool("disable_message_splitting"),
                f.integer("webhook_retries"),
                f.integer("webhook_timeout_secs"),
                f.bool("include_raw_segments"),
                f.text("default_webhook"),
                limits(f),
                f.bool("limit_both"),
                f.integer("webhook_retry_delay_secs"),
                f.integer("delivery_window_hours"),
                f.integer("webhook_max_concurrency"),
                f.longInteger("mms_max_bytes"));
    }

    static NewNumber newNumber(JsonFields f) {
        return new NewNumber(
                f.text("number"),
                f.text("carrier"),
                f.text("tag"),
                f.text("group"),
                f.text("webhook"),
                f.bool("ignore_stop_cmd_sending"));
    }

    static NumberPatch numberPatch(JsonFields f) {
        return new NumberPatch(
                f.text("number"),
                f.text("carrier"),
                f.text("tag"),
                f.text("group"),
                f.text("webhook"),
                f.bool("ignore_stop_cmd_sending"));
    }

    static NumberSettingsPatch numberSettings(JsonFields f) {
        return new NumberSettingsPatch(
                limits(f),
                f.bool("limit_both"),
                f.bool("auto_reply_enabled"),
                f.text("auto_reply_message"),
                f.integer("auto_reply_cooldown_secs"));
    }

    static NumberSettingsPatch autoReply(JsonFields f) {
        return NumberSettingsPatch.autoReply(f.bool("enabled"), f.text("message"), f.integer("cooldown_secs"));
    }

    static NewCarrier newCarrier(JsonFields f) {
        return new NewCarrier(
                f.text("name"),
                f.text("type"),
                f.text("username"),
                f.text("password"),
                f.text("uuid"),
                f.text("profile_id"),
                f.text("webhook_public_key"),
                f.text("base_url"));
    }

    static CarrierPatch carrierPatch(JsonFields f) {
        return new CarrierPatch(
                f.text("name"),
                f.text("type"),
                f.text("username"),
                f.text("password"),
                f.text("profile_id"),
                f.text("webhook_public_key"),
                f.text("base_url"));
    }

    static NewFailover newFailover(JsonFields f) {
        return new NewFailover(f.longInteger("fallback_client_id"), f.integer("priority"), f.bool("enabled"));
    }

    static FailoverPatch failoverPatch(JsonFields f) {
        return new FailoverPatch(f.integer("priority"), f.bool("enabled"));
    }

    private static LimitsPatch limits(JsonFields f) {
        return new LimitsPatch(
                f.longInteger("sms_burst_limit"),
                f.longInteger("sms_daily_limit"),
                f.longInteger("sms_monthly_limit"),
                f.longInteger("mms_burst_limit"),
                f.longInteger("mms_daily_limit"),
                f.longInteger("mms_monthly_limit"));
    }
}
