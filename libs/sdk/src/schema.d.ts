// Generated from openapi.json by `npm run openapi` (openapi-typescript). Do not edit.

export interface paths {
    "/api/admin/workspaces/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Sets a workspace's plan (for a billing system). `Authorization: Bearer $ADMIN_TOKEN`. */
        patch: operations["setWorkspacePlan"];
        trace?: never;
    };
    "/api/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Signs in with email and password. Repeated failures lock the email and the client IP out for 15 minutes (429). */
        post: operations["login"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Ends the session (it is revoked server-side) and clears the cookies. */
        post: operations["logout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who is calling: the signed-in user, or the user (or machine user) a key acts as, with the key's scopes. */
        get: operations["getCurrentUser"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/signup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Creates an account and its first workspace (owner; plan: the server's DEFAULT_PLAN, `free` unless set) and signs
         *     in (sets lt_session and lt_csrf).
         */
        post: operations["signup"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Liveness; names the caller when a valid key or session is sent: the person (with email) or machine user
         *     (`machineUser: true`) and the key. A publishable key is answered with the key and workspace only.
         */
        get: operations["getHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/health/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Readiness: 503 while the database (or Redis, when configured) does not answer. */
        get: operations["getReadiness"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/invitations/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Joins the workspace of an invitation made out to the signed-in person's email. */
        post: operations["acceptInvitation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/settings/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Keys of the workspace (never the keys themselves: only `keyPrefix`), newest first. */
        get: operations["listApiKeys"];
        put?: never;
        /** Creates a key; the response holds `key`, shown this once. A key can only grant scopes it has. */
        post: operations["createApiKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/settings/api-keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Renames a key. */
        put: operations["updateApiKey"];
        post?: never;
        /** Revokes a key at once, on every instance: its next request gets 401 api_key_revoked. */
        delete: operations["deleteApiKey"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/settings/api-keys/{id}/rotate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Issues a new key with the same settings; the old one is revoked when the grace period ends. */
        post: operations["rotateApiKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/analytics/acquisition_panel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Top values of each UTM parameter. */
        get: operations["getAcquisitionPanel"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/analytics/chart": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A time series in hour, day, week or month buckets cut in the given time zone, empty buckets included. */
        get: operations["getAnalyticsChart"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/analytics/geo_panel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Top countries, regions and cities. */
        get: operations["getGeoPanel"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/analytics/overview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Clicks, unique visitors, leads, sales and revenue over the window, with the period of the same length before it. */
        get: operations["getAnalyticsOverview"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/analytics/realtime": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Clicks of the last 30 minutes, per minute, and the latest of them (read from PostgreSQL as they are stored). */
        get: operations["getAnalyticsRealtime"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/analytics/report": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A table grouped by link, domain, folder, tag or a click dimension, sorted and limited. */
        get: operations["getAnalyticsReport"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/analytics/technology_panel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Top devices, browsers and operating systems. */
        get: operations["getTechnologyPanel"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/analytics/traffic_panel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Top referrers, top links and top A/B test variants. */
        get: operations["getTrafficPanel"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/conversions/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Leads and sales, newest first, with the dimensions of the click each is attributed to. */
        get: operations["listConversionEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/conversions/events/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every matching event, oldest first, streamed as CSV (header row) or NDJSON (one event per line, as in the list). */
        get: operations["exportConversionEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/conversions/summary": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Leads, sales, revenue by currency and conversion rates over a range, with the top links and a daily series (UTC). */
        get: operations["getConversionSummary"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/domains": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The workspace's custom domains, oldest first. */
        get: operations["listDomains"];
        put?: never;
        /** Adds a domain (pending) and answers the DNS records to create. Counts toward the plan's domain quota. */
        post: operations["createDomain"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/domains/check": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Whether a host name can be added: 400 when it can never be a custom domain, `available: false` when it is taken. */
        get: operations["checkDomain"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/domains/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Removes the domain. 409 while links use it, unless `?force=true`, which archives them. */
        delete: operations["deleteDomain"];
        options?: never;
        head?: never;
        /** Sets the domain's metadata: not-found, root and expired URLs, no-index, and its apps (deep links). */
        patch: operations["updateDomain"];
        trace?: never;
    };
    "/api/v1/domains/{id}/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Checks the DNS records now; answers each record checked and, when verification fails, what is missing or wrong. */
        post: operations["verifyDomain"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/imports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Imports links from a CSV file (multipart, field `file`, at most 50 MB): a Bitly, Rebrandly or Short.io export,
         *     or LinkTrace's own columns. `dryRun=true` answers 200 with what each row would do; otherwise 202 with the
         *     queued import, which any instance runs (follow it with `GET /imports/{id}`).
         */
        post: operations["createImport"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/imports/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Status, progress, counts and the first 100 rows not imported. */
        get: operations["getImport"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/imports/{id}/report": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A finished import's report, a CSV line per row: row, status, link id, short link, error code and message, note. */
        get: operations["getImportReport"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/link_folders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Folders of the workspace, oldest first, each with the number of links in it. */
        get: operations["listLinkFolders"];
        put?: never;
        /** Creates a folder. Names are unique per workspace, ignoring case (409); the plan caps how many exist (403 quota_exceeded). */
        post: operations["createLinkFolder"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/link_folders/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Deletes a folder. Its links are kept and move out of it (no folder). */
        delete: operations["deleteLinkFolder"];
        options?: never;
        head?: never;
        /** Renames a folder or changes its description; fields left out stay as they are. */
        patch: operations["updateLinkFolder"];
        trace?: never;
    };
    "/api/v1/link_tags": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Tags of the workspace, oldest first, each with the number of links carrying it. */
        get: operations["listLinkTags"];
        put?: never;
        /** Creates a tag. Names are unique per workspace, ignoring case (409); the plan caps how many exist (403 quota_exceeded). */
        post: operations["createLinkTag"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/link_tags/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Deletes a tag and removes it from every link; the links are kept. */
        delete: operations["deleteLinkTag"];
        options?: never;
        head?: never;
        /** Renames a tag or changes its color; fields left out stay as they are. */
        patch: operations["updateLinkTag"];
        trace?: never;
    };
    "/api/v1/links": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Links of the workspace, newest (or most clicked) first, with filters and a case-insensitive search. */
        get: operations["listLinks"];
        put?: never;
        /**
         * Creates a short link. Counts against the plan's monthly new links (403 quota_exceeded); password,
         *     expiry, device or geo targeting and a social preview (`og`) need the starter plan, an A/B test
         *     (`testVariants`…) the creator plan (403 plan_upgrade_required).
         */
        post: operations["createLink"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/links/bulk": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Creates 1–100 links in one transaction, each as `POST /links` would: one result per item, in request
         *     order (`status` 201 with the link, or the item's error). Items refused alone — invalid, plan, quota,
         *     conflict — do not stop the others.
         */
        post: operations["bulkCreateLinks"];
        /** Deletes 1–100 links, each as `DELETE /links/{id}` would (`status` 204, or the item's error). */
        delete: operations["bulkDeleteLinks"];
        options?: never;
        head?: never;
        /** Applies one change to 1–100 links (by `ids` or `externalIds`), each as `PATCH /links/{id}` would. */
        patch: operations["bulkUpdateLinks"];
        trace?: never;
    };
    "/api/v1/links/upsert": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Creates the link (201) or updates the one with the same key (200): `externalId` when given, else
         *     `domain` + `slug`. Fields left out of an update stay as they are. Concurrent upserts of one key make one link.
         */
        put: operations["upsertLink"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/links/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A link by id (`link_…`) or by your own id (`ext_<externalId>`). */
        get: operations["getLink"];
        put?: never;
        post?: never;
        /** Deletes a link for good; its short link stops redirecting at once. */
        delete: operations["deleteLink"];
        options?: never;
        head?: never;
        /** Changes the fields sent; the redirect picks the change up at once, on every instance. */
        patch: operations["updateLink"];
        trace?: never;
    };
    "/api/v1/links/{id}/detail": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The link with its totals, last 7 and 30 days, top countries, referrers and devices, and its 20 latest clicks. */
        get: operations["getLinkDetail"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/links/{id}/events/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every click of the link as CSV or NDJSON, streamed in time order (a key with `links` or `analytics` may read it). */
        get: operations["exportLinkEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/links/{id}/qr": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A QR code that opens the link's short link: `format=png|svg`, `size` 64–2048 pixels (default 512). */
        get: operations["getLinkQr"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/track/client.js": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The browser script (docs/API.md, Conversions): keeps `lt_id` in a first-party cookie, exposes `linktrace.trackLead` and `trackSale`. */
        get: operations["getTrackingScript"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/track/leads": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Records a lead: creates or updates the customer and attributes it to the link of the click (`lt_id`).
         *     Publishable keys may call it from browsers on the workspace's allowed host names.
         */
        post: operations["trackLead"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/track/sales": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Records a sale of a customer known from a lead; the revenue goes to the customer's link. */
        post: operations["trackSale"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/utm_templates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** UTM templates of the workspace, oldest first. */
        get: operations["listUtmTemplates"];
        put?: never;
        /** Creates a UTM template. Names are unique per workspace, ignoring case (409); the plan caps how many exist (403 quota_exceeded). */
        post: operations["createUtmTemplate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/utm_templates/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Deletes a UTM template; links created with it keep their UTM parameters. */
        delete: operations["deleteUtmTemplate"];
        options?: never;
        head?: never;
        /** Changes a UTM template; fields left out stay as they are, null clears a parameter. */
        patch: operations["updateUtmTemplate"];
        trace?: never;
    };
    "/api/v1/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The workspace's webhooks, newest first (never their secrets). */
        get: operations["listWebhooks"];
        put?: never;
        /** Creates a webhook; the response holds its signing `secret`, shown this once. */
        post: operations["createWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One webhook: its settings, and whether (and why) it is disabled. */
        get: operations["getWebhook"];
        put?: never;
        post?: never;
        /** Deletes the webhook and its pending deliveries. */
        delete: operations["deleteWebhook"];
        options?: never;
        head?: never;
        /** Changes the URL, events or filter; `enabled: true` re-enables a webhook the server disabled. */
        patch: operations["updateWebhook"];
        trace?: never;
    };
    "/api/v1/webhooks/{id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The webhook's deliveries, newest first: event, attempts, last answer, next attempt. Kept 30 days. */
        get: operations["listWebhookDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{id}/deliveries/{deliveryId}/replay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sends the delivery's event again, as a new delivery with the same `webhook-id`. */
        post: operations["replayWebhookDelivery"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{id}/rotate-secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A new signing secret, shown once; the old one keeps signing beside it for the grace period (default a day). */
        post: operations["rotateWebhookSecret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{id}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Queues a `webhook.test` event for this webhook; the delivery shows in its log. */
        post: operations["testWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/workspaces": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The workspaces the signed-in user belongs to, with their role in each. */
        get: operations["listWorkspaces"];
        put?: never;
        /** Creates a workspace owned by the signed-in user, on the server's DEFAULT_PLAN (`free` unless set). */
        post: operations["createWorkspace"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/workspaces/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Renames a workspace or sets the host names publishable keys may be used from (owner or admin). */
        patch: operations["updateWorkspace"];
        trace?: never;
    };
    "/api/workspaces/{id}/invitations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Pending invitations (owner or admin). */
        get: operations["listInvitations"];
        put?: never;
        /** Invites an email with a role (owner or admin); answers the token once, to share with the invitee. Valid 7 days. */
        post: operations["createInvitation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/workspaces/{id}/invitations/{invitationId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Withdraws an invitation (owner or admin). */
        delete: operations["revokeInvitation"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/workspaces/{id}/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Members of a workspace with their roles (any member may see them). */
        get: operations["listMembers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/workspaces/{id}/members/{userId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Removes a member (owner or admin), or leaves (yourself). Every key whose secret they were shown is revoked at
         *     once: keys they own, keys they created for machine users, keys they rotated. Rotate such keys first to keep them.
         */
        delete: operations["removeMember"];
        options?: never;
        head?: never;
        /**
         * Changes a member's role (owner or admin; only owners touch the owner role; the last owner stays). Made
         *     `member`, a person loses the keys they created or rotated that act as someone else (members hold only their own).
         */
        patch: operations["updateMember"];
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        AcceptInvitationDto: {
            token: string;
        };
        AcquisitionPanelDto: {
            /** @description End of the window answered (exclusive, whole hour). */
            end: string;
            /** @description Start of the window answered (inclusive, whole hour, clamped to the plan's retention). */
            start: string;
            utm_campaign: components["schemas"]["AnalyticsRowDto"][];
            utm_content: components["schemas"]["AnalyticsRowDto"][];
            utm_medium: components["schemas"]["AnalyticsRowDto"][];
            utm_source: components["schemas"]["AnalyticsRowDto"][];
            utm_term: components["schemas"]["AnalyticsRowDto"][];
            /** @description Why the window differs from the one asked for (e.g. clamped to the plan's retention). */
            warnings: string[];
        };
        AnalyticsChartDto: {
            /** @description Every bucket the window touches, oldest first, empty ones with zeros. */
            data: components["schemas"]["ChartBucketDto"][];
            /** @description End of the window answered (exclusive, whole hour). */
            end: string;
            interval: string;
            /** @description Start of the window answered (inclusive, whole hour, clamped to the plan's retention). */
            start: string;
            timezone: string;
            /** @description Why the window differs from the one asked for (e.g. clamped to the plan's retention). */
            warnings: string[];
        };
        AnalyticsOverviewDto: {
            /** @description Clicks (bots only with includeBots=true). */
            clicks: number;
            end: string;
            leads: number;
            /** @description The period of the same length just before (clamped to the retention too). */
            previous: components["schemas"]["AnalyticsPeriodDto"];
            /** @description One entry per currency, largest first. */
            revenue: components["schemas"]["AnalyticsRevenueDto"][];
            sales: number;
            start: string;
            /** @description Visitors counted once per link and UTC day (bots never), summed over links and days. */
            uniqueVisitors: number;
            warnings: string[];
        };
        AnalyticsPeriodDto: {
            /** @description Clicks (bots only with includeBots=true). */
            clicks: number;
            end: string;
            leads: number;
            /** @description One entry per currency, largest first. */
            revenue: components["schemas"]["AnalyticsRevenueDto"][];
            sales: number;
            start: string;
            /** @description Visitors counted once per link and UTC day (bots never), summed over links and days. */
            uniqueVisitors: number;
        };
        AnalyticsRealtimeDto: {
            /** @description `clicks` of the window. */
            clicks: number;
            end: string;
            /** @description The latest 20 clicks of the window, newest first. */
            latest: components["schemas"]["RealtimeClickDto"][];
            /** @description Every minute of the window, oldest first, empty ones with zero. */
            minutes: components["schemas"]["RealtimeMinuteDto"][];
            /** @description The 30 minutes shown: `end` is the start of the next minute, so the current minute is the last bucket. */
            start: string;
        };
        AnalyticsReportDto: {
            data: components["schemas"]["AnalyticsRowDto"][];
            /** @description End of the window answered (exclusive, whole hour). */
            end: string;
            groupBy: string;
            /** @description Start of the window answered (inclusive, whole hour, clamped to the plan's retention). */
            start: string;
            /** @description Why the window differs from the one asked for (e.g. clamped to the plan's retention). */
            warnings: string[];
        };
        AnalyticsRevenueDto: {
            /** @description Sum of the sales in minor units. */
            amount: number;
            /** @description ISO 4217. */
            currency: string;
        };
        AnalyticsRowDto: {
            /** @description Clicks (bots only with includeBots=true). */
            clicks: number;
            /** @description For links `domain/slug`, for folders and tags their name; otherwise null. */
            label: string | null;
            leads: number;
            /** @description One entry per currency, largest first. */
            revenue: components["schemas"]["AnalyticsRevenueDto"][];
            sales: number;
            /** @description Visitors counted once per link and UTC day (bots never), summed over links and days. */
            uniqueVisitors: number;
            /** @description The group's value: link, folder or tag id, domain, or the dimension value (`US`, `US|California`, `(direct)`…). */
            value: string;
        };
        AndroidAppDto: {
            /** @description The application id, e.g. `com.example.app`. */
            packageName: string;
            /**
             * @description Paths the app opens, in the same patterns as iOS: published as Dynamic App Links components (Android 15+);
             *     the app's intent filter still declares them for older versions. Default `["*"]`.
             */
            paths?: string[];
            /** @description SHA-256 fingerprints of the app's signing certificates (`AA:BB:…`, 32 pairs), 1 to 10. */
            sha256CertFingerprints: string[];
        };
        AndroidAppViewDto: {
            packageName: string;
            paths: string[];
            sha256CertFingerprints: string[];
        };
        ApiKeyDto: {
            /** @description Whether the caller may rename, rotate and delete it (members: only keys they own or created). */
            canManage: boolean;
            createdAt: string;
            expiresAt: string | null;
            /** @description `key_…` */
            id: string;
            /** @description First characters of the key, e.g. `lt_live_a1b2****`; the key itself is never shown again. */
            keyPrefix: string;
            /** @description Updated at most once a minute. */
            lastUsedAt: string | null;
            name: string;
            owner: components["schemas"]["ApiKeyOwnerDto"];
            /** @description Sustained requests per minute; null = the default (100). */
            rateLimit: number | null;
            /** @description When a rotation's grace period ends and this key stops working. */
            revokesAt: string | null;
            scopes: string[];
            /** @enum {string} */
            type: "secret" | "publishable";
        };
        ApiKeyOwnerDto: {
            id: string;
            name: string | null;
            /**
             * @description `user` for a person, `machine` for a machine user.
             * @enum {string}
             */
            type: "user" | "machine";
        };
        ApiKeyPageDto: {
            data: components["schemas"]["ApiKeyDto"][];
            nextCursor: string | null;
        };
        BulkCreateLinksDto: {
            /**
             * @description 1–100 links, each as `POST /links` takes it. Each is validated on its own: a bad one gets its own 400
             *     result and the others are still created.
             */
            links: components["schemas"]["CreateLinkDto"][];
        };
        BulkDeleteLinksDto: {
            /** @description 1–100 link ids (`link_…` or `ext_<externalId>`). */
            ids: string[];
        };
        BulkLinkResultDto: {
            /** @description The error body the single route would have answered for this item. */
            error?: components["schemas"]["Error"];
            /** @description Position of the item in the request. */
            index: number;
            /** @description The link as created or updated (absent on errors and deletions). */
            link?: components["schemas"]["LinkDto"];
            /** @description What the single route would have answered for this item: 201, 200, 204, or an error status. */
            status: number;
        };
        BulkLinkResultsDto: {
            /** @description One result per item, in request order. */
            results: components["schemas"]["BulkLinkResultDto"][];
        };
        BulkUpdateLinksDto: {
            /** @description The change applied to every link, as `PATCH /links/{id}` takes it. */
            data: components["schemas"]["UpdateLinkDto"];
            /** @description 1–100 of your own ids; or `ids`, not both. */
            externalIds?: string[];
            /** @description 1–100 link ids (`link_…`); or `externalIds`, not both. */
            ids?: string[];
        };
        ChartBucketDto: {
            /** @description Clicks (bots only with includeBots=true). */
            clicks: number;
            leads: number;
            /** @description One entry per currency, largest first. */
            revenue: components["schemas"]["AnalyticsRevenueDto"][];
            sales: number;
            /** @description Start of the bucket (UTC instant of the local midnight for day, week and month). */
            start: string;
            /** @description Visitors counted once per link and UTC day (bots never), summed over links and days. */
            uniqueVisitors: number;
        };
        ClickWebhookEventDto: {
            createdAt: string;
            data: components["schemas"]["ClickedLinkDto"];
            /** @description `msg_<click id>`, also the `webhook-id` header. */
            id: string;
            /** @enum {string} */
            type: "link.clicked";
        };
        ClickedLinkDto: {
            browser: string | null;
            city: string | null;
            country: string | null;
            /** @enum {string} */
            device: "desktop" | "mobile" | "tablet" | "other";
            domain: string;
            /** @description `clk_…` */
            id: string;
            linkId: string;
            os: string | null;
            referrer: string | null;
            referrerDomain: string | null;
            region: string | null;
            time: string;
            url: string;
            utmCampaign: string | null;
            utmContent: string | null;
            utmMedium: string | null;
            utmSource: string | null;
            utmTerm: string | null;
        };
        ConversionCustomerDto: {
            email: string | null;
            externalId: string;
            /** @description `cus_…` */
            id: string;
            name: string | null;
        };
        ConversionEventDto: {
            /** @description Sales: integer in minor units. */
            amount: number | null;
            browser: string | null;
            city: string | null;
            clickId: string | null;
            country: string | null;
            currency: string | null;
            customer: components["schemas"]["ConversionCustomerDto"];
            device: string | null;
            eventId: string | null;
            eventName: string;
            /** @description `evt_…` */
            id: string;
            invoiceId: string | null;
            /** @description Null when the link has been deleted. */
            linkId: string | null;
            metadata: {
                [key: string]: unknown;
            } | null;
            os: string | null;
            provider: string | null;
            providerEventId: string | null;
            /** @description The provider's signature header, as sent. */
            providerSignature: string | null;
            referrer: string | null;
            referrerDomain: string | null;
            region: string | null;
            time: string;
            /** @enum {string} */
            type: "lead" | "sale";
            utm_campaign: string | null;
            utm_content: string | null;
            utm_medium: string | null;
            utm_source: string | null;
            utm_term: string | null;
        };
        ConversionEventPageDto: {
            data: components["schemas"]["ConversionEventDto"][];
            nextCursor: string | null;
        };
        ConversionSummaryDto: {
            /** @description leads / clicks; null without clicks. */
            clickToLeadRate: number | null;
            /** @description Clicks by people (bots excluded), from the analytics store, in whole hours. */
            clicks: number;
            /** @description End of the range (exclusive). */
            end: string;
            /** @description sales / leads; null without leads. */
            leadToSaleRate: number | null;
            leads: number;
            /** @description Links with the most sales, then leads (`top` of them); conversions of deleted links count only in the totals. */
            links: components["schemas"]["LinkConversionsDto"][];
            /** @description One entry per currency, largest first. */
            revenue: components["schemas"]["RevenueDto"][];
            sales: number;
            /** @description Every UTC day of the range, oldest first, days without activity included. */
            series: components["schemas"]["DailyConversionsDto"][];
            /** @description Start of the range (inclusive). */
            start: string;
        };
        ConversionWebhookEventDto: {
            createdAt: string;
            /** @description The event as `GET /api/v1/conversions/events` lists it. */
            data: components["schemas"]["ConversionEventDto"];
            id: string;
            /** @enum {string} */
            type: "lead.created" | "sale.created";
        };
        CreateApiKeyDto: {
            /**
             * Format: date-time
             * @description ISO 8601 time after which the key answers 401 api_key_expired. A key creating a key with an expiry passes it on:
             *     the new key expires at the latest then (the default).
             */
            expiresAt?: string;
            /**
             * @description Create the key for a new machine user named after the key, instead of for yourself (owner or admin, or a key
             *     of an owner or admin).
             */
            machineUser?: boolean;
            name: string;
            /**
             * @description Sustained requests per minute for this key (bursts of twice that); default 100. For a publishable key the
             *     limit applies per visitor IP, default 30. A key creating a key passes on its own limit, which is also the maximum.
             */
            rateLimit?: number;
            /**
             * @description Route groups the key may use; `<scope>:read` grants only GET routes. A secret key needs at least one; a key
             *     creating a key without `scopes` gives it its own scopes (never more). Publishable keys always have `["conversions"]`.
             */
            scopes?: ("links" | "links:read" | "analytics" | "analytics:read" | "conversions" | "conversions:read" | "domains" | "domains:read" | "folders" | "folders:read" | "tags" | "tags:read" | "utm_templates" | "utm_templates:read" | "api_keys" | "api_keys:read" | "webhooks" | "webhooks:read")[];
            /**
             * @description `secret` (default; server-side, scoped) or `publishable` (browser conversion writes only).
             * @enum {string}
             */
            type?: "secret" | "publishable";
        };
        CreateDomainDto: {
            /** @description The iOS and Android apps that open the domain's links (creator plan or above). */
            apps?: components["schemas"]["DomainAppsDto"] | null;
            /** @description Host name, e.g. `go.example.com` (IDN allowed; stored in punycode). */
            domain: string;
        };
        CreateImportFormDto: {
            /** @description `true`: answer what each row would do, write nothing. */
            dryRun?: boolean;
            /**
             * Format: binary
             * @description The CSV file, at most 50 MB.
             */
            file: string;
            /**
             * @description The export's platform; detected from the header row when left out.
             * @enum {string}
             */
            format?: "linktrace" | "bitly" | "rebrandly" | "shortio";
            /**
             * @description A row whose external id or short link is the workspace's link already: reported (`skip`, the default) or `update` it.
             * @enum {string}
             */
            onConflict?: "skip" | "update";
        };
        CreateInvitationDto: {
            /** Format: email */
            email: string;
            /** @enum {string} */
            role: "owner" | "admin" | "member";
        };
        CreateLinkDto: {
            /**
             * Format: uri
             * @description Destination for Android devices (starter plan or above): as `ios`, an http(s) URL or an app URL (`myapp://…`).
             */
            android?: string | null;
            /** @description Archived links keep redirecting; lists can filter them with `archived`. */
            archived?: boolean;
            description?: string | null;
            /**
             * @description Host of the short link; default: the default short domain. Only the default short domain is accepted
             *     until custom domains are supported.
             */
            domain?: string;
            /**
             * Format: uri
             * @description Where an expired link sends visitors (starter plan or above).
             */
            expiredUrl?: string | null;
            /**
             * Format: date-time
             * @description After this time the link answers 410 or redirects to `expiredUrl` (starter plan or above). A time in the
             *     past expires the link at once.
             */
            expiresAt?: string | null;
            /** @description Your own id for the link, unique in the workspace; the link can then be addressed as `ext_<externalId>`. */
            externalId?: string | null;
            /** @description A folder of the workspace (`fld_…`); null = none. */
            folderId?: string | null;
            /** @description Destinations by visitor country: upper-case ISO 3166-1 alpha-2 code → URL, at most 250 (starter plan or above). */
            geo?: {
                [key: string]: string;
            } | null;
            /**
             * Format: uri
             * @description Destination for iOS devices (starter plan or above): a web page or universal link (https, redirected with a 302),
             *     or an app URL of a custom scheme (`myapp://product/42`), opened by a small page that falls back to `url`.
             */
            ios?: string | null;
            /**
             * @description Social preview (starter plan or above): what link-preview crawlers (Slack, X, Facebook, LinkedIn, WhatsApp…)
             *     show for the short link, as Open Graph and Twitter card tags, instead of following it. null removes it.
             */
            og?: components["schemas"]["SocialPreviewDto"] | null;
            /**
             * @description Visitors must enter this password first (starter plan or above). Stored as an argon2id hash, never
             *     returned; null removes it.
             */
            password?: string | null;
            /**
             * @description The path of the short link: 1–190 letters, digits, `_` or `-`, unique per domain, case-sensitive.
             *     Reserved: api, docs, app, admin, metrics, health, static, assets and anything starting with `api` or `_`.
             *     When absent on creation, 7 random base62 characters.
             */
            slug?: string;
            /** @description Tags of the workspace (`tag_…`); replaces the link's tags on update. */
            tagIds?: string[];
            /**
             * Format: date-time
             * @description When the test ends (in the future when set): then `winnerUrl`, or the picked best, takes every visitor.
             */
            testEndsAt?: string | null;
            /**
             * @description After `testEndsAt`, without a `winnerUrl`: the variant with the best conversion rate becomes the winner
             *     (the server sets `winnerUrl` to it, once). See docs/API.md (A/B tests).
             */
            testPickWinner?: boolean;
            testVariants?: components["schemas"]["TestVariantDto"][] | null;
            title?: string | null;
            /** @description Append `lt_id=<clickId>` to the destination so conversions can be attributed. */
            trackConversion?: boolean;
            /**
             * Format: uri
             * @description Destination: an absolute http(s) URL, at most 8192 characters, without credentials, not on a short
             *     domain of this server. Its query string is kept as sent.
             */
            url: string;
            /**
             * @description Applies a UTM template of the workspace (`utm_…`): its utm_* values and its `ref` query parameter.
             *     utm_* fields sent in the same request win over the template's; a `ref` already in the URL is kept.
             */
            utmTemplateId?: string;
            utm_campaign?: string | null;
            utm_content?: string | null;
            utm_medium?: string | null;
            /** @description Added to the destination's query by the redirect (the URL's own query string is kept as it is). */
            utm_source?: string | null;
            utm_term?: string | null;
            /**
             * Format: uri
             * @description The variant (one of `testVariants`' URLs) every visitor gets once `testEndsAt` has passed.
             */
            winnerUrl?: string | null;
        };
        CreateLinkFolderDto: {
            /** @description A blank description is stored as null. */
            description?: string | null;
            /** @description Unique in the workspace, ignoring case; surrounding spaces are trimmed. */
            name: string;
        };
        CreateLinkTagDto: {
            /**
             * @description One of the palette: gray (default), red, orange, yellow, green, teal, blue, purple, pink, brown.
             * @enum {string}
             */
            color?: "gray" | "red" | "orange" | "yellow" | "green" | "teal" | "blue" | "purple" | "pink" | "brown";
            /** @description Unique in the workspace, ignoring case; surrounding spaces are trimmed. */
            name: string;
        };
        CreateUtmTemplateDto: {
            /** @description Unique in the workspace, ignoring case; surrounding spaces are trimmed. */
            name: string;
            /** @description `ref` query parameter. */
            ref?: string | null;
            utm_campaign?: string | null;
            utm_content?: string | null;
            utm_medium?: string | null;
            utm_source?: string | null;
            utm_term?: string | null;
        };
        CreateWebhookDto: {
            /** @description A blank description is stored as null. */
            description?: string | null;
            /** @description The events to send; `link.clicked` is only sent to webhooks that list it. */
            eventTypes: ("link.created" | "link.updated" | "link.deleted" | "link.clicked" | "lead.created" | "sale.created" | "domain.verified" | "domain.failing")[];
            /** @description Only events about links in this folder (`fld_…`). */
            folderId?: string | null;
            /** @description Only events about these links (`link_…`). A filtered webhook gets no events about domains or unattributed conversions. */
            linkIds?: string[] | null;
            /** @description Only events about links with this tag (`tag_…`). */
            tagId?: string | null;
            /** @description Where events are POSTed: https (http only when the server allows it), on a public address. */
            url: string;
        };
        CreateWorkspaceDto: {
            name: string;
        };
        CreatedApiKeyDto: {
            /** @description Whether the caller may rename, rotate and delete it (members: only keys they own or created). */
            canManage: boolean;
            createdAt: string;
            expiresAt: string | null;
            /** @description `key_…` */
            id: string;
            /** @description The key. Shown once: store it now. */
            key: string;
            /** @description First characters of the key, e.g. `lt_live_a1b2****`; the key itself is never shown again. */
            keyPrefix: string;
            /** @description Updated at most once a minute. */
            lastUsedAt: string | null;
            name: string;
            owner: components["schemas"]["ApiKeyOwnerDto"];
            /** @description Sustained requests per minute; null = the default (100). */
            rateLimit: number | null;
            /** @description When a rotation's grace period ends and this key stops working. */
            revokesAt: string | null;
            scopes: string[];
            /** @enum {string} */
            type: "secret" | "publishable";
        };
        CreatedInvitationDto: {
            /** @description The dashboard page that accepts it. */
            acceptUrl: string;
            createdAt: string;
            email: string;
            expiresAt: string;
            /** @description `inv_…` */
            id: string;
            /** @enum {string} */
            role: "owner" | "admin" | "member";
            /** @description Shown once: the invitee accepts with it (POST /api/invitations/accept) after signing up or in with this email. */
            token: string;
        };
        CreatedWebhookDto: {
            /** @description Events in a row whose every attempt failed. */
            consecutiveFailures: number;
            createdAt: string;
            description: string | null;
            disabledAt: string | null;
            /** @description Set when the server disabled the webhook (`webhook.disabled`): 410 Gone, or too many failed events in a row. */
            disabledReason: string | null;
            enabled: boolean;
            eventTypes: ("link.created" | "link.updated" | "link.deleted" | "link.clicked" | "lead.created" | "sale.created" | "domain.verified" | "domain.failing")[];
            folderId: string | null;
            /** @description `whk_…` */
            id: string;
            linkIds: string[] | null;
            /** @description When the secret before the last rotation stops signing; null when only one secret signs. */
            previousSecretExpiresAt: string | null;
            /** @description The signing secret (`whsec_…`). Shown once: store it now. */
            secret: string;
            tagId: string | null;
            updatedAt: string;
            url: string;
        };
        DailyClicksDto: {
            clicks: number;
            /** @description UTC day, `YYYY-MM-DD`. */
            day: string;
            uniqueVisitors: number;
        };
        DailyConversionsDto: {
            /** @description Clicks by people (bots excluded), from the analytics store, in whole hours. */
            clicks: number;
            /** @description UTC day, `YYYY-MM-DD`. */
            day: string;
            leads: number;
            /** @description One entry per currency, largest first. */
            revenue: components["schemas"]["RevenueDto"][];
            sales: number;
        };
        DnsCheckDto: {
            /** @description What DNS answered. */
            found: string[];
            name: string;
            ok: boolean;
            /** @enum {string} */
            type: "TXT" | "CNAME" | "A";
            value: string;
        };
        DnsRecordDto: {
            name: string;
            /** @enum {string} */
            type: "TXT" | "CNAME" | "A";
            value: string;
        };
        DomainAppsDto: {
            android?: components["schemas"]["AndroidAppDto"] | null;
            ios?: components["schemas"]["IosAppDto"] | null;
        };
        DomainAppsViewDto: {
            android: components["schemas"]["AndroidAppViewDto"] | null;
            ios: components["schemas"]["IosAppViewDto"] | null;
        };
        DomainAvailabilityDto: {
            /** @description False when another workspace has verified it, or this workspace already added it. */
            available: boolean;
            /** @description The normalised host name. */
            domain: string;
            reason: string | null;
        };
        DomainDto: {
            /** @description The apps that open the domain's links (deep links); null when none. */
            apps: components["schemas"]["DomainAppsViewDto"] | null;
            createdAt: string;
            /** @description The records to create at your DNS provider: the TXT challenge, and a CNAME (or, for an apex domain, an A record). */
            dnsRecords: components["schemas"]["DnsRecordDto"][];
            /** @description The host name (punycode for IDN). */
            domain: string;
            expiredUrl: string | null;
            /** @description `dom_…` */
            id: string;
            lastCheckError: string | null;
            lastCheckedAt: string | null;
            noIndex: boolean;
            notFoundUrl: string | null;
            rootUrl: string | null;
            /**
             * @description `pending` until DNS verifies it; `failing` when a daily re-check stops finding the records.
             * @enum {string}
             */
            status: "pending" | "verified" | "failing";
            updatedAt: string;
            verified: boolean;
            verifiedAt: string | null;
        };
        DomainPageDto: {
            data: components["schemas"]["DomainDto"][];
            nextCursor: string | null;
        };
        DomainVerificationDto: {
            /** @description Each record checked and what DNS answered. */
            checks: components["schemas"]["DnsCheckDto"][];
            domain: components["schemas"]["DomainDto"];
            /** @description What is missing or wrong, one sentence per problem. */
            problems: string[];
            verified: boolean;
        };
        DomainWebhookEventDto: {
            createdAt: string;
            /** @description The domain as `GET /api/v1/domains` lists it. */
            data: components["schemas"]["DomainDto"];
            id: string;
            /** @enum {string} */
            type: "domain.verified" | "domain.failing";
        };
        /** @description The body of every error of every route: `code` is for programs (stable), `message` for people. */
        Error: {
            code: components["schemas"]["ErrorCode"];
            /** @description The status text, e.g. `Forbidden` */
            error: string;
            /** @description With `validation_failed`: each field refused */
            errors?: components["schemas"]["FieldError"][];
            /**
             * Format: int32
             * @description With `quota_exceeded`: the quota of the current plan
             */
            limit?: number;
            /** @description For people; may change between releases */
            message: string;
            /** @description Also sent as X-Request-Id; quote it when asking for support */
            requestId: string;
            /**
             * @description With `plan_upgrade_required`: the least plan that includes the feature
             * @enum {string}
             */
            requiredPlan?: "free" | "starter" | "creator" | "agency";
            /**
             * Format: int32
             * @description The HTTP status, repeated
             */
            statusCode: number;
        };
        /**
         * @description Every error code of the API; each operation lists the ones it can answer.
         * @enum {string}
         */
        ErrorCode: "analytics_rebuilding" | "analytics_timeout" | "api_key_expired" | "api_key_revoked" | "conflict" | "csrf_invalid" | "forbidden" | "headers_too_large" | "insufficient_scope" | "internal_error" | "invalid_api_key" | "invalid_credentials" | "invalid_csv" | "link_expired" | "not_found" | "origin_not_allowed" | "password_required" | "payload_too_large" | "plan_upgrade_required" | "publishable_key_not_allowed" | "quota_exceeded" | "rate_limit_exceeded" | "request_timeout" | "service_unavailable" | "session_required" | "unauthorized" | "unsupported_media_type" | "validation_failed";
        FieldError: {
            /** @description The field or parameter, e.g. `url` or `tags.0` */
            field: string;
            message: string;
        };
        GeoPanelDto: {
            /** @description Values `<country>|<region>|<city>`. */
            cities: components["schemas"]["AnalyticsRowDto"][];
            countries: components["schemas"]["AnalyticsRowDto"][];
            /** @description End of the window answered (exclusive, whole hour). */
            end: string;
            /** @description Values `<country>|<region>`. */
            regions: components["schemas"]["AnalyticsRowDto"][];
            /** @description Start of the window answered (inclusive, whole hour, clamped to the plan's retention). */
            start: string;
            /** @description Why the window differs from the one asked for (e.g. clamped to the plan's retention). */
            warnings: string[];
        };
        HealthApiKeyDto: {
            /** @description `key_…` */
            id: string;
            /** @enum {string} */
            type: "secret" | "publishable";
            workspaceId: string;
        };
        HealthDto: {
            /** @description Present when a valid key was sent. */
            apiKey?: components["schemas"]["HealthApiKeyDto"];
            status: string;
            timestamp: string;
            /** @description Present when a valid session or secret key was sent; never for a publishable key (it ships in web pages). */
            user?: components["schemas"]["HealthUserDto"];
        };
        HealthUserDto: {
            /** @description The person's email; null for a machine user. */
            email: string | null;
            id: string;
            /** @description True for a machine user, which acts only through its keys. */
            machineUser: boolean;
            name: string | null;
            workspaceId: string;
        };
        ImportCountsDto: {
            conflict: number;
            created: number;
            error: number;
            updated: number;
        };
        ImportDryRunDto: {
            /** @description What all the rows would do. */
            counts: components["schemas"]["ImportCountsDto"];
            /** @enum {string} */
            format: "linktrace" | "bitly" | "rebrandly" | "shortio";
            /** @description What each row would do, the first 1,000 rows. */
            rows: components["schemas"]["ImportRowResultDto"][];
            totalRows: number;
        };
        ImportDto: {
            counts: components["schemas"]["ImportCountsDto"];
            createdAt: string;
            /** @description Why the import stopped, when `status` is `failed`. */
            failure: string | null;
            fileName: string | null;
            finishedAt: string | null;
            /** @enum {string} */
            format: "linktrace" | "bitly" | "rebrandly" | "shortio";
            id: string;
            /** @enum {string} */
            onConflict: "skip" | "update";
            /** @description The first 100 rows not imported (conflicts and errors); the report lists every row. */
            problems: components["schemas"]["ImportRowResultDto"][];
            processedRows: number;
            /** @enum {string} */
            status: "queued" | "running" | "completed" | "failed";
            totalRows: number;
        };
        ImportRowErrorDto: {
            code: string;
            message: string;
        };
        ImportRowResultDto: {
            error: components["schemas"]["ImportRowErrorDto"] | null;
            /** @description The link created or updated, or the one in the way of a conflict when it is the workspace's. */
            linkId: string | null;
            /** @description Something kept differently than the file asked (a domain that is not the workspace's). */
            note: string | null;
            /** @description 1 = the first row after the header. */
            row: number;
            shortLink: string | null;
            /** @enum {string} */
            status: "created" | "updated" | "conflict" | "error";
        };
        InvitationDto: {
            createdAt: string;
            email: string;
            expiresAt: string;
            /** @description `inv_…` */
            id: string;
            /** @enum {string} */
            role: "owner" | "admin" | "member";
        };
        InvitationListDto: {
            data: components["schemas"]["InvitationDto"][];
        };
        IosAppDto: {
            /** @description The app's bundle identifier, e.g. `com.example.app`. */
            appId: string;
            /**
             * @description Paths the app opens (Apple's patterns: `*` any run of characters, `?` one; `NOT /path` excludes). Default `["*"]`:
             *     every link of the domain. At most 50.
             */
            paths?: string[];
            /** @description The Apple developer Team ID: 10 upper-case letters or digits. */
            teamId: string;
            /** @description Also list the app under `webcredentials` (password autofill for the domain). Default false. */
            webCredentials?: boolean;
        };
        IosAppViewDto: {
            appId: string;
            paths: string[];
            teamId: string;
            webCredentials: boolean;
        };
        LinkConversionsDto: {
            /** @description leads / clicks; null without clicks. */
            clickToLeadRate: number | null;
            /** @description Clicks by people (bots excluded), from the analytics store, in whole hours. */
            clicks: number;
            domain: string;
            /** @description sales / leads; null without leads. */
            leadToSaleRate: number | null;
            leads: number;
            linkId: string;
            /** @description One entry per currency, largest first. */
            revenue: components["schemas"]["RevenueDto"][];
            sales: number;
            slug: string;
        };
        LinkCreatorDto: {
            id: string;
            name: string | null;
            /**
             * @description `user` for a person, `machine` for a machine user (the link was created through its API key).
             * @enum {string}
             */
            type: "user" | "machine";
        };
        LinkDetailDto: {
            last30Days: components["schemas"]["DailyClicksDto"][];
            last7Days: components["schemas"]["DailyClicksDto"][];
            link: components["schemas"]["LinkDto"];
            /** @description The 20 latest clicks, bots included (flagged). */
            recentClicks: components["schemas"]["RecentClickDto"][];
            /** @description Last 30 days, most clicked first (up to 10 each). */
            topCountries: components["schemas"]["TopValueDto"][];
            topDevices: components["schemas"]["TopValueDto"][];
            topReferrers: components["schemas"]["TopValueDto"][];
            totals: {
                botClicks: number;
                clicks: number;
                uniqueVisitors: number;
            };
        };
        LinkDto: {
            android: string | null;
            archived: boolean;
            /** @description Clicks by people (bots excluded). */
            clicks: number;
            createdAt: string;
            /** @description Null when that user has been deleted. */
            createdBy: components["schemas"]["LinkCreatorDto"] | null;
            description: string | null;
            domain: string;
            expiredUrl: string | null;
            expiresAt: string | null;
            externalId: string | null;
            folder: components["schemas"]["LinkFolderSummaryDto"] | null;
            folderId: string | null;
            geo: {
                [key: string]: string;
            } | null;
            /** @description Whether visitors must enter a password; the password itself is never returned. */
            hasPassword: boolean;
            /** @description `link_…` */
            id: string;
            ios: string | null;
            lastClickedAt: string | null;
            /** @description Social preview shown by link-preview crawlers; null when the link has none. */
            og: components["schemas"]["SocialPreviewViewDto"] | null;
            /**
             * @description The short link. The default short domain uses PUBLIC_URL's scheme; other domains https, except
             *     localhost and hosts with a port (http).
             */
            shortLink: string;
            slug: string;
            tagIds: string[];
            /** @description Sorted by name. */
            tags: components["schemas"]["LinkTagSummaryDto"][];
            testEndsAt: string | null;
            testPickWinner: boolean;
            /** @description A/B test: null when the link has none. */
            testVariants: components["schemas"]["TestVariantDto"][] | null;
            title: string | null;
            trackConversion: boolean;
            updatedAt: string;
            /** @description Destination, with its own query string as sent. */
            url: string;
            utm_campaign: string | null;
            utm_content: string | null;
            utm_medium: string | null;
            utm_source: string | null;
            utm_term: string | null;
            /** @description Set by you, or by the server when it picks the winner (`testPickWinner`) after `testEndsAt`. */
            winnerUrl: string | null;
        };
        LinkFolderDto: {
            createdAt: string;
            description: string | null;
            /** @description `fld_…` */
            id: string;
            /** @description Links in the folder. */
            linkCount: number;
            name: string;
            updatedAt: string;
        };
        LinkFolderPageDto: {
            data: components["schemas"]["LinkFolderDto"][];
            nextCursor: string | null;
        };
        LinkFolderSummaryDto: {
            id: string;
            name: string;
        };
        LinkPageDto: {
            data: components["schemas"]["LinkDto"][];
            nextCursor: string | null;
        };
        LinkTagDto: {
            /** @enum {string} */
            color: "gray" | "red" | "orange" | "yellow" | "green" | "teal" | "blue" | "purple" | "pink" | "brown";
            createdAt: string;
            /** @description `tag_…` */
            id: string;
            /** @description Links carrying the tag. */
            linkCount: number;
            name: string;
            updatedAt: string;
        };
        LinkTagPageDto: {
            data: components["schemas"]["LinkTagDto"][];
            nextCursor: string | null;
        };
        LinkTagSummaryDto: {
            /** @enum {string} */
            color: "gray" | "red" | "orange" | "yellow" | "green" | "teal" | "blue" | "purple" | "pink" | "brown";
            id: string;
            name: string;
        };
        LinkWebhookEventDto: {
            createdAt: string;
            /** @description The link as `GET /api/v1/links/:id` returns it (for `link.deleted`: as it was). */
            data: components["schemas"]["LinkDto"];
            /** @description `msg_…`, also the `webhook-id` header. */
            id: string;
            /** @enum {string} */
            type: "link.created" | "link.updated" | "link.deleted";
        };
        LoginDto: {
            /** Format: email */
            email: string;
            password: string;
        };
        MeDto: {
            email: string | null;
            /** @description The acting user: a person, or the machine user of a key. */
            id: string;
            /** @description True for a machine user (it has a name, no email, and acts only through its keys). */
            machineUser: boolean;
            name: string | null;
            /** @enum {string|null} */
            role: "owner" | "admin" | "member" | null;
            /** @description The key's scopes (key requests only). */
            scopes?: string[];
            /**
             * @description How the request was authenticated.
             * @enum {string}
             */
            via: "session" | "api_key";
            workspaceId: string | null;
        };
        MemberDto: {
            email: string | null;
            joinedAt: string;
            name: string | null;
            /** @enum {string} */
            role: "owner" | "admin" | "member";
            /**
             * @description `machine` for machine users (they act only through their API keys).
             * @enum {string}
             */
            type: "user" | "machine";
            userId: string;
        };
        MemberListDto: {
            data: components["schemas"]["MemberDto"][];
        };
        ReadinessDto: {
            /** @description `database`, `redis` (when configured): `ok`; `analytics`: `ok`, `rebuilding` or `failing`. */
            checks: {
                [key: string]: unknown;
            };
            /**
             * @description `degraded`: the instance serves, but its analytics store has stopped following PostgreSQL (answers may lag).
             * @enum {string}
             */
            status: "ok" | "degraded";
        };
        RealtimeClickDto: {
            browser: string | null;
            city: string | null;
            /** @description ISO 3166-1 alpha-2, or null when unknown. */
            country: string | null;
            device: string;
            /** @description The short link clicked, `domain/slug`. */
            link: string;
            linkId: string;
            /** @description The referrer's domain; null for a direct click. */
            referrer: string | null;
            /** @description When the click happened (UTC, to the microsecond). */
            time: string;
        };
        RealtimeMinuteDto: {
            /** @description Clicks in that minute, bots excluded. */
            clicks: number;
            /** @description Start of the minute (UTC). */
            start: string;
        };
        RecentClickDto: {
            browser: string | null;
            city: string | null;
            country: string | null;
            device: string;
            /** @description `clk_…` */
            id: string;
            isBot: boolean;
            os: string | null;
            referrer: string | null;
            time: string;
        };
        RevenueDto: {
            /** @description Sum of the sales in minor units. */
            amount: number;
            /** @description ISO 4217. */
            currency: string;
        };
        RotateApiKeyDto: {
            /** @description How long the old key keeps working, 0 (default: revoked at once) to 604800 (7 days). */
            gracePeriodSeconds?: number;
        };
        RotateWebhookSecretDto: {
            /** @description How long the old secret keeps signing beside the new one, 0 to 604800 (7 days); default 86400 (a day). */
            gracePeriodSeconds?: number;
        };
        SessionResponseDto: {
            user: components["schemas"]["UserDto"];
            /** @description The workspace the session acts in by default (its first); null when the user has none. */
            workspace: components["schemas"]["WorkspaceDto"] | null;
        };
        SignupDto: {
            /** Format: email */
            email: string;
            name?: string;
            /** @description 10 to 200 characters. */
            password: string;
            /** @description Name of the first workspace (default: "<name>'s workspace"). */
            workspaceName?: string;
        };
        SocialPreviewDto: {
            /** @description `og:description` / `twitter:description`. */
            description?: string | null;
            /**
             * Format: uri
             * @description `og:image` / `twitter:image`: an absolute http(s) URL on a public host (not an IP of a private network, not localhost).
             */
            image?: string | null;
            /** @description `og:title` / `twitter:title`. */
            title?: string | null;
        };
        SocialPreviewViewDto: {
            description: string | null;
            image: string | null;
            title: string | null;
        };
        TechnologyPanelDto: {
            browsers: components["schemas"]["AnalyticsRowDto"][];
            devices: components["schemas"]["AnalyticsRowDto"][];
            /** @description End of the window answered (exclusive, whole hour). */
            end: string;
            os: components["schemas"]["AnalyticsRowDto"][];
            /** @description Start of the window answered (inclusive, whole hour, clamped to the plan's retention). */
            start: string;
            /** @description Why the window differs from the one asked for (e.g. clamped to the plan's retention). */
            warnings: string[];
        };
        TestVariantDto: {
            /**
             * Format: uri
             * @description A destination, with the same rules as the link's `url`; unique among the link's variants.
             */
            url: string;
            /** @description Share of the visitors, in percent: an integer from 1 to 99; the variants' weights sum to 100. */
            weight: number;
        };
        TestWebhookEventData: {
            message: string;
            webhookId: string;
        };
        TestWebhookEventDto: {
            createdAt: string;
            data: components["schemas"]["TestWebhookEventData"];
            id: string;
            /** @enum {string} */
            type: "webhook.test";
        };
        TopValueDto: {
            clicks: number;
            value: string;
        };
        TrackLeadDto: {
            /** @description The click the visitor came from: the `lt_id` the redirect appended to the destination (client.js keeps it in the `lt_id` cookie). */
            clickId: string;
            /** Format: email */
            customerEmail?: string;
            /** @description Your own id for the customer; a customer is created the first time it is seen, updated afterwards. */
            customerExternalId: string;
            customerName?: string;
            /**
             * @description Idempotency key, unique in the workspace forever: a retry answers 200 with the first event and records
             *     nothing; the same key for a different event (other customer or click) is 409.
             */
            eventId?: string;
            /** @description What happened, e.g. `Sign up`. */
            eventName: string;
            /** @description Any JSON object, at most 10 KB serialized. */
            metadata?: {
                [key: string]: unknown;
            };
        };
        TrackSaleDto: {
            /** @description Integer in the currency's minor units (cents for USD), 1 to 10^12. */
            amount: number;
            /** @description ISO 4217 code, e.g. `USD`; lower-case is accepted and stored upper-case. */
            currency: string;
            /** @description The customer of an earlier lead (`customerExternalId` of `POST /api/v1/track/leads`); the sale goes to their link. */
            customerExternalId: string;
            /** @description Idempotency key, unique in the workspace forever (shared with leads). */
            eventId?: string;
            /** @description Default `Purchase`. */
            eventName?: string;
            /** @description Idempotency key: one sale per invoice in the workspace, forever. */
            invoiceId?: string;
            /** @description Any JSON object, at most 10 KB serialized. */
            metadata?: {
                [key: string]: unknown;
            };
            /** @description Payment provider, a lower-case name such as `stripe` (letters, digits, `_ . -`, at most 64); required with `providerEventId` or `providerSignature`. */
            provider?: string;
            /** @description The provider's event id (e.g. Stripe's `evt_…`): with `provider`, an idempotency key. */
            providerEventId?: string;
            /** @description The provider's signature header of that event (e.g. `Stripe-Signature`), stored as sent and not verified. */
            providerSignature?: string;
        };
        TrackedConversionDto: {
            /** @description Sales: integer in minor units. */
            amount: number | null;
            /** @description The click the conversion is attributed to (for a sale, the click of the customer's lead). */
            clickId: string | null;
            currency: string | null;
            customer: components["schemas"]["TrackedCustomerDto"];
            eventId: string | null;
            eventName: string;
            /** @description `evt_…` */
            id: string;
            invoiceId: string | null;
            /** @description The attributed link; null when it has been deleted. */
            linkId: string | null;
            provider: string | null;
            providerEventId: string | null;
            time: string;
            /** @enum {string} */
            type: "lead" | "sale";
        };
        TrackedCustomerDto: {
            externalId: string;
            /** @description `cus_…` */
            id: string;
        };
        TrafficPanelDto: {
            /** @description End of the window answered (exclusive, whole hour). */
            end: string;
            links: components["schemas"]["AnalyticsRowDto"][];
            referrers: components["schemas"]["AnalyticsRowDto"][];
            /** @description Start of the window answered (inclusive, whole hour, clamped to the plan's retention). */
            start: string;
            /** @description A/B test variants, by URL (clicks outside a running test are left out). */
            variants: components["schemas"]["AnalyticsRowDto"][];
            /** @description Why the window differs from the one asked for (e.g. clamped to the plan's retention). */
            warnings: string[];
        };
        UpdateApiKeyDto: {
            name: string;
        };
        UpdateDomainDto: {
            /**
             * @description The iOS and Android apps that open the domain's links, published at `/.well-known/apple-app-site-association`
             *     and `/.well-known/assetlinks.json`. Replaces the domain's apps; null removes them.
             */
            apps?: components["schemas"]["DomainAppsDto"] | null;
            /**
             * Format: uri
             * @description Where expired links on this domain redirect when the link sets no expiredUrl.
             */
            expiredUrl?: string | null;
            /** @description Ask search engines not to index this domain's links (`X-Robots-Tag: noindex`). */
            noIndex?: boolean;
            /**
             * Format: uri
             * @description Where unknown slugs on this domain redirect, instead of the 404 page.
             */
            notFoundUrl?: string | null;
            /**
             * Format: uri
             * @description Where the domain's root (`/`) redirects.
             */
            rootUrl?: string | null;
        };
        UpdateLinkDto: {
            /**
             * Format: uri
             * @description Destination for Android devices (starter plan or above): as `ios`, an http(s) URL or an app URL (`myapp://…`).
             */
            android?: string | null;
            /** @description Archived links keep redirecting; lists can filter them with `archived`. */
            archived?: boolean;
            description?: string | null;
            /**
             * @description Host of the short link; default: the default short domain. Only the default short domain is accepted
             *     until custom domains are supported.
             */
            domain?: string;
            /**
             * Format: uri
             * @description Where an expired link sends visitors (starter plan or above).
             */
            expiredUrl?: string | null;
            /**
             * Format: date-time
             * @description After this time the link answers 410 or redirects to `expiredUrl` (starter plan or above). A time in the
             *     past expires the link at once.
             */
            expiresAt?: string | null;
            /** @description Your own id for the link, unique in the workspace; the link can then be addressed as `ext_<externalId>`. */
            externalId?: string | null;
            /** @description A folder of the workspace (`fld_…`); null = none. */
            folderId?: string | null;
            /** @description Destinations by visitor country: upper-case ISO 3166-1 alpha-2 code → URL, at most 250 (starter plan or above). */
            geo?: {
                [key: string]: string;
            } | null;
            /**
             * Format: uri
             * @description Destination for iOS devices (starter plan or above): a web page or universal link (https, redirected with a 302),
             *     or an app URL of a custom scheme (`myapp://product/42`), opened by a small page that falls back to `url`.
             */
            ios?: string | null;
            /**
             * @description Social preview (starter plan or above): what link-preview crawlers (Slack, X, Facebook, LinkedIn, WhatsApp…)
             *     show for the short link, as Open Graph and Twitter card tags, instead of following it. null removes it.
             */
            og?: components["schemas"]["SocialPreviewDto"] | null;
            /**
             * @description Visitors must enter this password first (starter plan or above). Stored as an argon2id hash, never
             *     returned; null removes it.
             */
            password?: string | null;
            /**
             * @description The path of the short link: 1–190 letters, digits, `_` or `-`, unique per domain, case-sensitive.
             *     Reserved: api, docs, app, admin, metrics, health, static, assets and anything starting with `api` or `_`.
             *     When absent on creation, 7 random base62 characters.
             */
            slug?: string;
            /** @description Tags of the workspace (`tag_…`); replaces the link's tags on update. */
            tagIds?: string[];
            /**
             * Format: date-time
             * @description When the test ends (in the future when set): then `winnerUrl`, or the picked best, takes every visitor.
             */
            testEndsAt?: string | null;
            /**
             * @description After `testEndsAt`, without a `winnerUrl`: the variant with the best conversion rate becomes the winner
             *     (the server sets `winnerUrl` to it, once). See docs/API.md (A/B tests).
             */
            testPickWinner?: boolean;
            testVariants?: components["schemas"]["TestVariantDto"][] | null;
            title?: string | null;
            /** @description Append `lt_id=<clickId>` to the destination so conversions can be attributed. */
            trackConversion?: boolean;
            /**
             * Format: uri
             * @description New destination (same rules as on creation).
             */
            url?: string;
            /**
             * @description Applies a UTM template of the workspace (`utm_…`): its utm_* values and its `ref` query parameter.
             *     utm_* fields sent in the same request win over the template's; a `ref` already in the URL is kept.
             */
            utmTemplateId?: string;
            utm_campaign?: string | null;
            utm_content?: string | null;
            utm_medium?: string | null;
            /** @description Added to the destination's query by the redirect (the URL's own query string is kept as it is). */
            utm_source?: string | null;
            utm_term?: string | null;
            /**
             * Format: uri
             * @description The variant (one of `testVariants`' URLs) every visitor gets once `testEndsAt` has passed.
             */
            winnerUrl?: string | null;
        };
        UpdateLinkFolderDto: {
            /** @description null or blank clears it. */
            description?: string | null;
            /** @description Unique in the workspace, ignoring case; surrounding spaces are trimmed. */
            name?: string;
        };
        UpdateLinkTagDto: {
            /**
             * @description One of the palette: gray, red, orange, yellow, green, teal, blue, purple, pink, brown.
             * @enum {string}
             */
            color?: "gray" | "red" | "orange" | "yellow" | "green" | "teal" | "blue" | "purple" | "pink" | "brown";
            /** @description Unique in the workspace, ignoring case; surrounding spaces are trimmed. */
            name?: string;
        };
        UpdateMemberDto: {
            /**
             * @description owner, admin or member. Only owners grant or take away the owner role.
             * @enum {string}
             */
            role: "owner" | "admin" | "member";
        };
        UpdateUtmTemplateDto: {
            /** @description Unique in the workspace, ignoring case; surrounding spaces are trimmed. */
            name?: string;
            /** @description `ref` query parameter. */
            ref?: string | null;
            utm_campaign?: string | null;
            utm_content?: string | null;
            utm_medium?: string | null;
            utm_source?: string | null;
            utm_term?: string | null;
        };
        UpdateWebhookDto: {
            /** @description A blank description is stored as null. */
            description?: string | null;
            /** @description false stops deliveries (pending ones wait); true resumes them and clears the failure count. */
            enabled?: boolean;
            /** @description The events to send; `link.clicked` is only sent to webhooks that list it. */
            eventTypes?: ("link.created" | "link.updated" | "link.deleted" | "link.clicked" | "lead.created" | "sale.created" | "domain.verified" | "domain.failing")[];
            /** @description Only events about links in this folder (`fld_…`). */
            folderId?: string | null;
            /** @description Only events about these links (`link_…`). A filtered webhook gets no events about domains or unattributed conversions. */
            linkIds?: string[] | null;
            /** @description Only events about links with this tag (`tag_…`). */
            tagId?: string | null;
            /** @description Where events are POSTed: https (http only when the server allows it), on a public address. */
            url?: string;
        };
        UpdateWorkspaceDto: {
            /** @description Host names publishable keys may be used from; `*.example.com` matches sub-domains. Empty = any origin. */
            allowedHostnames?: string[];
            name?: string;
            /** @description IANA time zone (`Europe/Paris`) the dashboard's analytics use by default for days, weeks and months. */
            timeZone?: string;
        };
        UpdateWorkspacePlanDto: {
            /**
             * @description free, starter, creator or agency.
             * @enum {string}
             */
            plan: "free" | "starter" | "creator" | "agency";
        };
        UserDto: {
            email: string | null;
            /** @description `usr_…` */
            id: string;
            name: string | null;
        };
        UtmTemplateDto: {
            createdAt: string;
            /** @description `utm_…` */
            id: string;
            name: string;
            /** @description `ref` query parameter added to the destination. */
            ref: string | null;
            updatedAt: string;
            utm_campaign: string | null;
            utm_content: string | null;
            utm_medium: string | null;
            utm_source: string | null;
            utm_term: string | null;
        };
        UtmTemplatePageDto: {
            data: components["schemas"]["UtmTemplateDto"][];
            nextCursor: string | null;
        };
        WebhookDeliveryDto: {
            attempts: number;
            createdAt: string;
            /** @description The `webhook-id` header: the same on every attempt and replay of the event. */
            eventId: string;
            eventType: string;
            /** @description `whd_…` */
            id: string;
            lastAttemptAt: string | null;
            lastError: string | null;
            /** @description The first 4 kB of the endpoint's last answer. */
            lastResponseBody: string | null;
            lastStatusCode: number | null;
            nextAttemptAt: string | null;
            /**
             * @description `pending` (waiting for its next attempt), `delivered` (a 2xx answer) or `failed` (no more attempts).
             * @enum {string}
             */
            status: "pending" | "delivered" | "failed";
        };
        WebhookDeliveryPageDto: {
            data: components["schemas"]["WebhookDeliveryDto"][];
            nextCursor: string | null;
        };
        WebhookDto: {
            /** @description Events in a row whose every attempt failed. */
            consecutiveFailures: number;
            createdAt: string;
            description: string | null;
            disabledAt: string | null;
            /** @description Set when the server disabled the webhook (`webhook.disabled`): 410 Gone, or too many failed events in a row. */
            disabledReason: string | null;
            enabled: boolean;
            eventTypes: ("link.created" | "link.updated" | "link.deleted" | "link.clicked" | "lead.created" | "sale.created" | "domain.verified" | "domain.failing")[];
            folderId: string | null;
            /** @description `whk_…` */
            id: string;
            linkIds: string[] | null;
            /** @description When the secret before the last rotation stops signing; null when only one secret signs. */
            previousSecretExpiresAt: string | null;
            tagId: string | null;
            updatedAt: string;
            url: string;
        };
        WebhookPageDto: {
            data: components["schemas"]["WebhookDto"][];
            nextCursor: string | null;
        };
        WorkspaceDto: {
            /** @description Host names publishable keys may be used from (`*.example.com` allowed); empty = any origin. */
            allowedHostnames: string[];
            createdAt: string;
            /** @description `ws_…` */
            id: string;
            name: string;
            /** @enum {string} */
            plan: "free" | "starter" | "creator" | "agency";
            /**
             * @description The caller's role in it.
             * @enum {string}
             */
            role: "owner" | "admin" | "member";
            /** @description IANA time zone the dashboard's analytics use by default (default `UTC`). */
            timeZone: string;
        };
    };
    responses: {
        /** @description Bad Request: `invalid_csv`, `validation_failed` */
        "BadRequest.invalid_csv.validation_failed.RateLimited": {
            headers: {
                "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"] & {
                    /** @enum {string} */
                    code: "invalid_csv" | "validation_failed";
                };
            };
        };
        /** @description Bad Request: `validation_failed` */
        "BadRequest.validation_failed": {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"] & {
                    /** @enum {string} */
                    code: "validation_failed";
                };
            };
        };
        /** @description Bad Request: `validation_failed` */
        "BadRequest.validation_failed.RateLimited": {
            headers: {
                "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"] & {
                    /** @enum {string} */
                    code: "validation_failed";
                };
            };
        };
        /** @description Conflict: `conflict` */
        "Conflict.conflict": {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"] & {
                    /** @enum {string} */
                    code: "conflict";
                };
            };
        };
        /** @description Conflict: `conflict` */
        "Conflict.conflict.RateLimited": {
            headers: {
                "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"] & {
                    /** @enum {string} */
                    code: "conflict";
                };
            };
        };
        /** @description Forbidden: `csrf_invalid`, `forbidden`, `insufficient_scope`, `origin_not_allowed`, `plan_upgrade_required` */
        "Forbidden.csrf_invalid.forbidden.insufficient_scope.origin_not_allowed.plan_upgrade_required.conversionTracking.RateLimited": {
            headers: {
                "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"] & {
                    /** @enum {string} */
                    code: "csrf_invalid" | "forbidden" | "insufficient_scope" | "origin_not_allowed" | "plan_upgrade_required";
                };
            };
        };
        /** @description Forbidden: `csrf_invalid`, `forbidden`, `insufficient_scope`, `plan_upgrade_required`, `publishable_key_not_allowed` */
        "Forbidden.csrf_invalid.forbidden.insufficient_scope.plan_upgrade_required.advancedAnalytics.publishable_key_not_allowed.RateLimited": {
            headers: {
                "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"] & {
                    /** @enum {string} */
                    code: "csrf_invalid" | "forbidden" | "insufficient_scope" | "plan_upgrade_required" | "publishable_key_not_allowed";
                };
            };
        };
        /** @description Forbidden: `csrf_invalid`, `forbidden`, `insufficient_scope`, `plan_upgrade_required`, `publishable_key_not_allowed`, `quota_exceeded` */
        "Forbidden.csrf_invalid.forbidden.insufficient_scope.plan_upgrade_required.advancedAnalytics.publishable_key_not_allowed.quota_exceeded.RateLimited": {
            headers: {
                "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"] & {
                    /** @enum {string} */
                    code: "csrf_invalid" | "forbidden" | "insufficient_scope" | "plan_upgrade_required" | "publishable_key_not_allowed" | "quota_exceeded";
                };
            };
        };
        /** @description Forbidden: `csrf_invalid`, `forbidden`, `insufficient_scope`, `plan_upgrade_required`, `publishable_key_not_allowed` */
        "Forbidden.csrf_invalid.forbidden.insufficient_scope.plan_upgrade_required.domainMetadata.publishable_key_not_allowed.RateLimited": {
            headers: {
                "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"] & {
                    /** @enum {string} */
                    code: "csrf_invalid" | "forbidden" | "insufficient_scope" | "plan_upgrade_required" | "publishable_key_not_allowed";
                };
            };
        };
        /** @description Forbidden: `csrf_invalid`, `forbidden`, `insufficient_scope`, `plan_upgrade_required`, `publishable_key_not_allowed` */
        "Forbidden.csrf_invalid.forbidden.insufficient_scope.plan_upgrade_required.webhooks.publishable_key_not_allowed.RateLimited": {
            headers: {
                "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"] & {
                    /** @enum {string} */
                    code: "csrf_invalid" | "forbidden" | "insufficient_scope" | "plan_upgrade_required" | "publishable_key_not_allowed";
                };
            };
        };
        /** @description Forbidden: `csrf_invalid`, `forbidden`, `insufficient_scope`, `plan_upgrade_required`, `publishable_key_not_allowed`, `quota_exceeded` */
        "Forbidden.csrf_invalid.forbidden.insufficient_scope.plan_upgrade_required.webhooks.publishable_key_not_allowed.quota_exceeded.RateLimited": {
            headers: {
                "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"] & {
                    /** @enum {string} */
                    code: "csrf_invalid" | "forbidden" | "insufficient_scope" | "plan_upgrade_required" | "publishable_key_not_allowed" | "quota_exceeded";
                };
            };
        };
        /** @description Forbidden: `csrf_invalid`, `forbidden`, `insufficient_scope`, `publishable_key_not_allowed` */
        "Forbidden.csrf_invalid.forbidden.insufficient_scope.publishable_key_not_allowed.RateLimited": {
            headers: {
                "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"] & {
                    /** @enum {string} */
                    code: "csrf_invalid" | "forbidden" | "insufficient_scope" | "publishable_key_not_allowed";
                };
            };
        };
        /** @description Forbidden: `csrf_invalid`, `forbidden`, `insufficient_scope`, `publishable_key_not_allowed`, `quota_exceeded` */
        "Forbidden.csrf_invalid.forbidden.insufficient_scope.publishable_key_not_allowed.quota_exceeded.RateLimited": {
            headers: {
                "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"] & {
                    /** @enum {string} */
                    code: "csrf_invalid" | "forbidden" | "insufficient_scope" | "publishable_key_not_allowed" | "quota_exceeded";
                };
            };
        };
        /** @description Forbidden: `csrf_invalid`, `forbidden`, `session_required` */
        "Forbidden.csrf_invalid.forbidden.session_required.RateLimited": {
            headers: {
                "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"] & {
                    /** @enum {string} */
                    code: "csrf_invalid" | "forbidden" | "session_required";
                };
            };
        };
        /** @description Forbidden: `forbidden` */
        "Forbidden.forbidden": {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"] & {
                    /** @enum {string} */
                    code: "forbidden";
                };
            };
        };
        /** @description Forbidden: `forbidden`, `insufficient_scope`, `plan_upgrade_required`, `publishable_key_not_allowed` */
        "Forbidden.forbidden.insufficient_scope.plan_upgrade_required.advancedAnalytics.publishable_key_not_allowed.RateLimited": {
            headers: {
                "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"] & {
                    /** @enum {string} */
                    code: "forbidden" | "insufficient_scope" | "plan_upgrade_required" | "publishable_key_not_allowed";
                };
            };
        };
        /** @description Forbidden: `forbidden`, `insufficient_scope`, `plan_upgrade_required`, `publishable_key_not_allowed` */
        "Forbidden.forbidden.insufficient_scope.plan_upgrade_required.linkDetail.publishable_key_not_allowed.RateLimited": {
            headers: {
                "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"] & {
                    /** @enum {string} */
                    code: "forbidden" | "insufficient_scope" | "plan_upgrade_required" | "publishable_key_not_allowed";
                };
            };
        };
        /** @description Forbidden: `forbidden`, `insufficient_scope`, `plan_upgrade_required`, `publishable_key_not_allowed` */
        "Forbidden.forbidden.insufficient_scope.plan_upgrade_required.webhooks.publishable_key_not_allowed.RateLimited": {
            headers: {
                "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"] & {
                    /** @enum {string} */
                    code: "forbidden" | "insufficient_scope" | "plan_upgrade_required" | "publishable_key_not_allowed";
                };
            };
        };
        /** @description Forbidden: `forbidden`, `insufficient_scope`, `publishable_key_not_allowed` */
        "Forbidden.forbidden.insufficient_scope.publishable_key_not_allowed.RateLimited": {
            headers: {
                "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"] & {
                    /** @enum {string} */
                    code: "forbidden" | "insufficient_scope" | "publishable_key_not_allowed";
                };
            };
        };
        /** @description Forbidden: `forbidden`, `publishable_key_not_allowed` */
        "Forbidden.forbidden.publishable_key_not_allowed.RateLimited": {
            headers: {
                "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"] & {
                    /** @enum {string} */
                    code: "forbidden" | "publishable_key_not_allowed";
                };
            };
        };
        /** @description Forbidden: `forbidden`, `session_required` */
        "Forbidden.forbidden.session_required.RateLimited": {
            headers: {
                "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"] & {
                    /** @enum {string} */
                    code: "forbidden" | "session_required";
                };
            };
        };
        /** @description Internal Server Error: `internal_error` */
        "InternalServerError.internal_error": {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"] & {
                    /** @enum {string} */
                    code: "internal_error";
                };
            };
        };
        /** @description Not Found: `not_found` */
        "NotFound.not_found": {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"] & {
                    /** @enum {string} */
                    code: "not_found";
                };
            };
        };
        /** @description Not Found: `not_found` */
        "NotFound.not_found.RateLimited": {
            headers: {
                "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"] & {
                    /** @enum {string} */
                    code: "not_found";
                };
            };
        };
        /** @description Payload Too Large: `payload_too_large` */
        "PayloadTooLarge.payload_too_large": {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"] & {
                    /** @enum {string} */
                    code: "payload_too_large";
                };
            };
        };
        /** @description Payload Too Large: `payload_too_large` */
        "PayloadTooLarge.payload_too_large.RateLimited": {
            headers: {
                "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"] & {
                    /** @enum {string} */
                    code: "payload_too_large";
                };
            };
        };
        /** @description Service Unavailable: `analytics_rebuilding`, `analytics_timeout`, `service_unavailable` */
        "ServiceUnavailable.analytics_rebuilding.analytics_timeout.service_unavailable": {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"] & {
                    /** @enum {string} */
                    code: "analytics_rebuilding" | "analytics_timeout" | "service_unavailable";
                };
            };
        };
        /** @description Service Unavailable: `service_unavailable` */
        "ServiceUnavailable.service_unavailable": {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"] & {
                    /** @enum {string} */
                    code: "service_unavailable";
                };
            };
        };
        /** @description Too Many Requests: `rate_limit_exceeded` */
        "TooManyRequests.rate_limit_exceeded": {
            headers: {
                "Retry-After": components["headers"]["Retry-After"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"] & {
                    /** @enum {string} */
                    code: "rate_limit_exceeded";
                };
            };
        };
        /** @description Too Many Requests: `rate_limit_exceeded` */
        "TooManyRequests.rate_limit_exceeded.RateLimited": {
            headers: {
                "Retry-After": components["headers"]["Retry-After"];
                "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"] & {
                    /** @enum {string} */
                    code: "rate_limit_exceeded";
                };
            };
        };
        /** @description Unauthorized: `api_key_expired`, `api_key_revoked`, `invalid_api_key`, `unauthorized` */
        "Unauthorized.api_key_expired.api_key_revoked.invalid_api_key.unauthorized": {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"] & {
                    /** @enum {string} */
                    code: "api_key_expired" | "api_key_revoked" | "invalid_api_key" | "unauthorized";
                };
            };
        };
        /** @description Unauthorized: `invalid_credentials` */
        "Unauthorized.invalid_credentials": {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"] & {
                    /** @enum {string} */
                    code: "invalid_credentials";
                };
            };
        };
        /** @description Unauthorized: `unauthorized` */
        "Unauthorized.unauthorized": {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"] & {
                    /** @enum {string} */
                    code: "unauthorized";
                };
            };
        };
        /** @description Unsupported Media Type: `unsupported_media_type` */
        "UnsupportedMediaType.unsupported_media_type": {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"] & {
                    /** @enum {string} */
                    code: "unsupported_media_type";
                };
            };
        };
        /** @description Unsupported Media Type: `unsupported_media_type` */
        "UnsupportedMediaType.unsupported_media_type.RateLimited": {
            headers: {
                "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"] & {
                    /** @enum {string} */
                    code: "unsupported_media_type";
                };
            };
        };
    };
    parameters: never;
    requestBodies: never;
    headers: {
        /** @description Seconds to wait before the next request */
        "Retry-After": number;
        /** @description Requests the caller's bucket holds: twice its per-minute rate (200 by default; a key's `rateLimit` sets the rate) */
        "X-RateLimit-Limit": number;
        /** @description Requests left in the bucket */
        "X-RateLimit-Remaining": number;
        /** @description Seconds until the bucket is full again */
        "X-RateLimit-Reset": number;
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    setWorkspacePlan: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateWorkspacePlanDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            400: components["responses"]["BadRequest.validation_failed"];
            401: components["responses"]["Unauthorized.unauthorized"];
            403: components["responses"]["Forbidden.forbidden"];
            404: components["responses"]["NotFound.not_found"];
            413: components["responses"]["PayloadTooLarge.payload_too_large"];
            415: components["responses"]["UnsupportedMediaType.unsupported_media_type"];
            500: components["responses"]["InternalServerError.internal_error"];
            503: components["responses"]["ServiceUnavailable.service_unavailable"];
        };
    };
    login: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LoginDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionResponseDto"];
                };
            };
            400: components["responses"]["BadRequest.validation_failed"];
            401: components["responses"]["Unauthorized.invalid_credentials"];
            413: components["responses"]["PayloadTooLarge.payload_too_large"];
            415: components["responses"]["UnsupportedMediaType.unsupported_media_type"];
            429: components["responses"]["TooManyRequests.rate_limit_exceeded"];
            500: components["responses"]["InternalServerError.internal_error"];
            503: components["responses"]["ServiceUnavailable.service_unavailable"];
        };
    };
    logout: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest.validation_failed.RateLimited"];
            401: components["responses"]["Unauthorized.api_key_expired.api_key_revoked.invalid_api_key.unauthorized"];
            403: components["responses"]["Forbidden.csrf_invalid.forbidden.session_required.RateLimited"];
            429: components["responses"]["TooManyRequests.rate_limit_exceeded.RateLimited"];
            500: components["responses"]["InternalServerError.internal_error"];
            503: components["responses"]["ServiceUnavailable.service_unavailable"];
        };
    };
    getCurrentUser: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MeDto"];
                };
            };
            400: components["responses"]["BadRequest.validation_failed.RateLimited"];
            401: components["responses"]["Unauthorized.api_key_expired.api_key_revoked.invalid_api_key.unauthorized"];
            403: components["responses"]["Forbidden.forbidden.publishable_key_not_allowed.RateLimited"];
            429: components["responses"]["TooManyRequests.rate_limit_exceeded.RateLimited"];
            500: components["responses"]["InternalServerError.internal_error"];
            503: components["responses"]["ServiceUnavailable.service_unavailable"];
        };
    };
    signup: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SignupDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionResponseDto"];
                };
            };
            400: components["responses"]["BadRequest.validation_failed"];
            409: components["responses"]["Conflict.conflict"];
            413: components["responses"]["PayloadTooLarge.payload_too_large"];
            415: components["responses"]["UnsupportedMediaType.unsupported_media_type"];
            429: components["responses"]["TooManyRequests.rate_limit_exceeded"];
            500: components["responses"]["InternalServerError.internal_error"];
            503: components["responses"]["ServiceUnavailable.service_unavailable"];
        };
    };
    getHealth: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HealthDto"];
                };
            };
            400: components["responses"]["BadRequest.validation_failed"];
            500: components["responses"]["InternalServerError.internal_error"];
        };
    };
    getReadiness: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReadinessDto"];
                };
            };
            400: components["responses"]["BadRequest.validation_failed"];
            500: components["responses"]["InternalServerError.internal_error"];
            503: components["responses"]["ServiceUnavailable.service_unavailable"];
        };
    };
    acceptInvitation: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AcceptInvitationDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WorkspaceDto"];
                };
            };
            400: components["responses"]["BadRequest.validation_failed.RateLimited"];
            401: components["responses"]["Unauthorized.api_key_expired.api_key_revoked.invalid_api_key.unauthorized"];
            403: components["responses"]["Forbidden.csrf_invalid.forbidden.session_required.RateLimited"];
            404: components["responses"]["NotFound.not_found.RateLimited"];
            413: components["responses"]["PayloadTooLarge.payload_too_large.RateLimited"];
            415: components["responses"]["UnsupportedMediaType.unsupported_media_type.RateLimited"];
            429: components["responses"]["TooManyRequests.rate_limit_exceeded.RateLimited"];
            500: components["responses"]["InternalServerError.internal_error"];
            503: components["responses"]["ServiceUnavailable.service_unavailable"];
        };
    };
    listApiKeys: {
        parameters: {
            query?: {
                /** @description Items per page, 1–100. */
                limit?: number;
                /** @description `nextCursor` of the previous page. */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKeyPageDto"];
                };
            };
            400: components["responses"]["BadRequest.validation_failed.RateLimited"];
            401: components["responses"]["Unauthorized.api_key_expired.api_key_revoked.invalid_api_key.unauthorized"];
            403: components["responses"]["Forbidden.forbidden.insufficient_scope.publishable_key_not_allowed.RateLimited"];
            429: components["responses"]["TooManyRequests.rate_limit_exceeded.RateLimited"];
            500: components["responses"]["InternalServerError.internal_error"];
            503: components["responses"]["ServiceUnavailable.service_unavailable"];
        };
    };
    createApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateApiKeyDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedApiKeyDto"];
                };
            };
            400: components["responses"]["BadRequest.validation_failed.RateLimited"];
            401: components["responses"]["Unauthorized.api_key_expired.api_key_revoked.invalid_api_key.unauthorized"];
            403: components["responses"]["Forbidden.csrf_invalid.forbidden.insufficient_scope.publishable_key_not_allowed.RateLimited"];
            413: components["responses"]["PayloadTooLarge.payload_too_large.RateLimited"];
            415: components["responses"]["UnsupportedMediaType.unsupported_media_type.RateLimited"];
            429: components["responses"]["TooManyRequests.rate_limit_exceeded.RateLimited"];
            500: components["responses"]["InternalServerError.internal_error"];
            503: components["responses"]["ServiceUnavailable.service_unavailable"];
        };
    };
    updateApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateApiKeyDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKeyDto"];
                };
            };
            400: components["responses"]["BadRequest.validation_failed.RateLimited"];
            401: components["responses"]["Unauthorized.api_key_expired.api_key_revoked.invalid_api_key.unauthorized"];
            403: components["responses"]["Forbidden.csrf_invalid.forbidden.insufficient_scope.publishable_key_not_allowed.RateLimited"];
            404: components["responses"]["NotFound.not_found.RateLimited"];
            413: components["responses"]["PayloadTooLarge.payload_too_large.RateLimited"];
            415: components["responses"]["UnsupportedMediaType.unsupported_media_type.RateLimited"];
            429: components["responses"]["TooManyRequests.rate_limit_exceeded.RateLimited"];
            500: components["responses"]["InternalServerError.internal_error"];
            503: components["responses"]["ServiceUnavailable.service_unavailable"];
        };
    };
    deleteApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest.validation_failed.RateLimited"];
            401: components["responses"]["Unauthorized.api_key_expired.api_key_revoked.invalid_api_key.unauthorized"];
            403: components["responses"]["Forbidden.csrf_invalid.forbidden.insufficient_scope.publishable_key_not_allowed.RateLimited"];
            404: components["responses"]["NotFound.not_found.RateLimited"];
            429: components["responses"]["TooManyRequests.rate_limit_exceeded.RateLimited"];
            500: components["responses"]["InternalServerError.internal_error"];
            503: components["responses"]["ServiceUnavailable.service_unavailable"];
        };
    };
    rotateApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RotateApiKeyDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedApiKeyDto"];
                };
            };
            400: components["responses"]["BadRequest.validation_failed.RateLimited"];
            401: components["responses"]["Unauthorized.api_key_expired.api_key_revoked.invalid_api_key.unauthorized"];
            403: components["responses"]["Forbidden.csrf_invalid.forbidden.insufficient_scope.publishable_key_not_allowed.RateLimited"];
            404: components["responses"]["NotFound.not_found.RateLimited"];
            413: components["responses"]["PayloadTooLarge.payload_too_large.RateLimited"];
            415: components["responses"]["UnsupportedMediaType.unsupported_media_type.RateLimited"];
            429: components["responses"]["TooManyRequests.rate_limit_exceeded.RateLimited"];
            500: components["responses"]["InternalServerError.internal_error"];
            503: components["responses"]["ServiceUnavailable.service_unavailable"];
        };
    };
    getAcquisitionPanel: {
        parameters: {
            query?: {
                /** @description ISO 8601, inclusive, rounded down to the hour; default 30 days before `end`. */
                start?: string;
                /** @description ISO 8601, exclusive, rounded up to the hour; default now. */
                end?: string;
                /** @description Up to now: `24h`, `7d`, `30d` (default), `90d`, `1y`, or `all` (everything the plan keeps). Not with start/end. */
                range?: "all" | "24h" | "7d" | "30d" | "90d" | "1y";
                /**
                 * @description Chart bucket size (default `day`); day, week (from Monday) and month buckets start at midnight in
                 *     `timezone`. Accepted by every analytics route (docs/API.md, Analytics); only the chart uses it.
                 */
                interval?: "day" | "month" | "hour" | "week";
                /** @description IANA time zone for the chart's day, week and month buckets (default `UTC`). */
                timezone?: string;
                /** @description Link ids (`link_…`). */
                linkId?: string;
                /** @description Short domains. */
                domain?: string;
                /** @description Folder ids (`fld_…`). */
                folderId?: string;
                /** @description Tag ids (`tag_…`): links with any of them. */
                tagId?: string;
                /** @description ISO 3166-1 alpha-2 codes. */
                country?: string;
                /** @description Regions as report rows name them: `<country>|<region>` (`US|California`). */
                region?: string;
                /** @description Cities as report rows name them: `<country>|<region>|<city>` (`US|California|San Francisco`, `DE||Berlin`). */
                city?: string;
                /** @description `desktop`, `mobile`, `tablet`, `bot`, `other`. */
                device?: string;
                browser?: string;
                os?: string;
                /** @description Referrer domains; `(direct)` for clicks without a referrer. */
                referrer?: string;
                utm_source?: string;
                utm_medium?: string;
                utm_campaign?: string;
                utm_term?: string;
                utm_content?: string;
                /** @description A/B test variants, by URL (`https://example.com/a`); a URL holding a comma cannot be named in a filter. */
                variant?: string;
                /** @description Destinations used: `web`, `geo`, `ios`, `android`, `app` (comma-separated). */
                destination_type?: string;
                /** @description Count clicks by bots too (default false). Unique visitors never include bots. */
                includeBots?: boolean;
                /** @description Rows per list, 1–100 (default 10). */
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AcquisitionPanelDto"];
                };
            };
            400: components["responses"]["BadRequest.validation_failed.RateLimited"];
            401: components["responses"]["Unauthorized.api_key_expired.api_key_revoked.invalid_api_key.unauthorized"];
            403: components["responses"]["Forbidden.forbidden.insufficient_scope.plan_upgrade_required.advancedAnalytics.publishable_key_not_allowed.RateLimited"];
            429: components["responses"]["TooManyRequests.rate_limit_exceeded.RateLimited"];
            500: components["responses"]["InternalServerError.internal_error"];
            503: components["responses"]["ServiceUnavailable.analytics_rebuilding.analytics_timeout.service_unavailable"];
        };
    };
    getAnalyticsChart: {
        parameters: {
            query?: {
                /** @description ISO 8601, inclusive, rounded down to the hour; default 30 days before `end`. */
                start?: string;
                /** @description ISO 8601, exclusive, rounded up to the hour; default now. */
                end?: string;
                /** @description Up to now: `24h`, `7d`, `30d` (default), `90d`, `1y`, or `all` (everything the plan keeps). Not with start/end. */
                range?: "all" | "24h" | "7d" | "30d" | "90d" | "1y";
                /**
                 * @description Chart bucket size (default `day`); day, week (from Monday) and month buckets start at midnight in
                 *     `timezone`. Accepted by every analytics route (docs/API.md, Analytics); only the chart uses it.
                 */
                interval?: "day" | "month" | "hour" | "week";
                /** @description IANA time zone for the chart's day, week and month buckets (default `UTC`). */
                timezone?: string;
                /** @description Link ids (`link_…`). */
                linkId?: string;
                /** @description Short domains. */
                domain?: string;
                /** @description Folder ids (`fld_…`). */
                folderId?: string;
                /** @description Tag ids (`tag_…`): links with any of them. */
                tagId?: string;
                /** @description ISO 3166-1 alpha-2 codes. */
                country?: string;
                /** @description Regions as report rows name them: `<country>|<region>` (`US|California`). */
                region?: string;
                /** @description Cities as report rows name them: `<country>|<region>|<city>` (`US|California|San Francisco`, `DE||Berlin`). */
                city?: string;
                /** @description `desktop`, `mobile`, `tablet`, `bot`, `other`. */
                device?: string;
                browser?: string;
                os?: string;
                /** @description Referrer domains; `(direct)` for clicks without a referrer. */
                referrer?: string;
                utm_source?: string;
                utm_medium?: string;
                utm_campaign?: string;
                utm_term?: string;
                utm_content?: string;
                /** @description A/B test variants, by URL (`https://example.com/a`); a URL holding a comma cannot be named in a filter. */
                variant?: string;
                /** @description Destinations used: `web`, `geo`, `ios`, `android`, `app` (comma-separated). */
                destination_type?: string;
                /** @description Count clicks by bots too (default false). Unique visitors never include bots. */
                includeBots?: boolean;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AnalyticsChartDto"];
                };
            };
            400: components["responses"]["BadRequest.validation_failed.RateLimited"];
            401: components["responses"]["Unauthorized.api_key_expired.api_key_revoked.invalid_api_key.unauthorized"];
            403: components["responses"]["Forbidden.forbidden.insufficient_scope.plan_upgrade_required.advancedAnalytics.publishable_key_not_allowed.RateLimited"];
            429: components["responses"]["TooManyRequests.rate_limit_exceeded.RateLimited"];
            500: components["responses"]["InternalServerError.internal_error"];
            503: components["responses"]["ServiceUnavailable.analytics_rebuilding.analytics_timeout.service_unavailable"];
        };
    };
    getGeoPanel: {
        parameters: {
            query?: {
                /** @description ISO 8601, inclusive, rounded down to the hour; default 30 days before `end`. */
                start?: string;
                /** @description ISO 8601, exclusive, rounded up to the hour; default now. */
                end?: string;
                /** @description Up to now: `24h`, `7d`, `30d` (default), `90d`, `1y`, or `all` (everything the plan keeps). Not with start/end. */
                range?: "all" | "24h" | "7d" | "30d" | "90d" | "1y";
                /**
                 * @description Chart bucket size (default `day`); day, week (from Monday) and month buckets start at midnight in
                 *     `timezone`. Accepted by every analytics route (docs/API.md, Analytics); only the chart uses it.
                 */
                interval?: "day" | "month" | "hour" | "week";
                /** @description IANA time zone for the chart's day, week and month buckets (default `UTC`). */
                timezone?: string;
                /** @description Link ids (`link_…`). */
                linkId?: string;
                /** @description Short domains. */
                domain?: string;
                /** @description Folder ids (`fld_…`). */
                folderId?: string;
                /** @description Tag ids (`tag_…`): links with any of them. */
                tagId?: string;
                /** @description ISO 3166-1 alpha-2 codes. */
                country?: string;
                /** @description Regions as report rows name them: `<country>|<region>` (`US|California`). */
                region?: string;
                /** @description Cities as report rows name them: `<country>|<region>|<city>` (`US|California|San Francisco`, `DE||Berlin`). */
                city?: string;
                /** @description `desktop`, `mobile`, `tablet`, `bot`, `other`. */
                device?: string;
                browser?: string;
                os?: string;
                /** @description Referrer domains; `(direct)` for clicks without a referrer. */
                referrer?: string;
                utm_source?: string;
                utm_medium?: string;
                utm_campaign?: string;
                utm_term?: string;
                utm_content?: string;
                /** @description A/B test variants, by URL (`https://example.com/a`); a URL holding a comma cannot be named in a filter. */
                variant?: string;
                /** @description Destinations used: `web`, `geo`, `ios`, `android`, `app` (comma-separated). */
                destination_type?: string;
                /** @description Count clicks by bots too (default false). Unique visitors never include bots. */
                includeBots?: boolean;
                /** @description Rows per list, 1–100 (default 10). */
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GeoPanelDto"];
                };
            };
            400: components["responses"]["BadRequest.validation_failed.RateLimited"];
            401: components["responses"]["Unauthorized.api_key_expired.api_key_revoked.invalid_api_key.unauthorized"];
            403: components["responses"]["Forbidden.forbidden.insufficient_scope.plan_upgrade_required.advancedAnalytics.publishable_key_not_allowed.RateLimited"];
            429: components["responses"]["TooManyRequests.rate_limit_exceeded.RateLimited"];
            500: components["responses"]["InternalServerError.internal_error"];
            503: components["responses"]["ServiceUnavailable.analytics_rebuilding.analytics_timeout.service_unavailable"];
        };
    };
    getAnalyticsOverview: {
        parameters: {
            query?: {
                /** @description ISO 8601, inclusive, rounded down to the hour; default 30 days before `end`. */
                start?: string;
                /** @description ISO 8601, exclusive, rounded up to the hour; default now. */
                end?: string;
                /** @description Up to now: `24h`, `7d`, `30d` (default), `90d`, `1y`, or `all` (everything the plan keeps). Not with start/end. */
                range?: "all" | "24h" | "7d" | "30d" | "90d" | "1y";
                /**
                 * @description Chart bucket size (default `day`); day, week (from Monday) and month buckets start at midnight in
                 *     `timezone`. Accepted by every analytics route (docs/API.md, Analytics); only the chart uses it.
                 */
                interval?: "day" | "month" | "hour" | "week";
                /** @description IANA time zone for the chart's day, week and month buckets (default `UTC`). */
                timezone?: string;
                /** @description Link ids (`link_…`). */
                linkId?: string;
                /** @description Short domains. */
                domain?: string;
                /** @description Folder ids (`fld_…`). */
                folderId?: string;
                /** @description Tag ids (`tag_…`): links with any of them. */
                tagId?: string;
                /** @description ISO 3166-1 alpha-2 codes. */
                country?: string;
                /** @description Regions as report rows name them: `<country>|<region>` (`US|California`). */
                region?: string;
                /** @description Cities as report rows name them: `<country>|<region>|<city>` (`US|California|San Francisco`, `DE||Berlin`). */
                city?: string;
                /** @description `desktop`, `mobile`, `tablet`, `bot`, `other`. */
                device?: string;
                browser?: string;
                os?: string;
                /** @description Referrer domains; `(direct)` for clicks without a referrer. */
                referrer?: string;
                utm_source?: string;
                utm_medium?: string;
                utm_campaign?: string;
                utm_term?: string;
                utm_content?: string;
                /** @description A/B test variants, by URL (`https://example.com/a`); a URL holding a comma cannot be named in a filter. */
                variant?: string;
                /** @description Destinations used: `web`, `geo`, `ios`, `android`, `app` (comma-separated). */
                destination_type?: string;
                /** @description Count clicks by bots too (default false). Unique visitors never include bots. */
                includeBots?: boolean;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AnalyticsOverviewDto"];
                };
            };
            400: components["responses"]["BadRequest.validation_failed.RateLimited"];
            401: components["responses"]["Unauthorized.api_key_expired.api_key_revoked.invalid_api_key.unauthorized"];
            403: components["responses"]["Forbidden.forbidden.insufficient_scope.publishable_key_not_allowed.RateLimited"];
            429: components["responses"]["TooManyRequests.rate_limit_exceeded.RateLimited"];
            500: components["responses"]["InternalServerError.internal_error"];
            503: components["responses"]["ServiceUnavailable.analytics_rebuilding.analytics_timeout.service_unavailable"];
        };
    };
    getAnalyticsRealtime: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AnalyticsRealtimeDto"];
                };
            };
            400: components["responses"]["BadRequest.validation_failed.RateLimited"];
            401: components["responses"]["Unauthorized.api_key_expired.api_key_revoked.invalid_api_key.unauthorized"];
            403: components["responses"]["Forbidden.forbidden.insufficient_scope.publishable_key_not_allowed.RateLimited"];
            429: components["responses"]["TooManyRequests.rate_limit_exceeded.RateLimited"];
            500: components["responses"]["InternalServerError.internal_error"];
            503: components["responses"]["ServiceUnavailable.analytics_rebuilding.analytics_timeout.service_unavailable"];
        };
    };
    getAnalyticsReport: {
        parameters: {
            query?: {
                /** @description ISO 8601, inclusive, rounded down to the hour; default 30 days before `end`. */
                start?: string;
                /** @description ISO 8601, exclusive, rounded up to the hour; default now. */
                end?: string;
                /** @description Up to now: `24h`, `7d`, `30d` (default), `90d`, `1y`, or `all` (everything the plan keeps). Not with start/end. */
                range?: "all" | "24h" | "7d" | "30d" | "90d" | "1y";
                /**
                 * @description Chart bucket size (default `day`); day, week (from Monday) and month buckets start at midnight in
                 *     `timezone`. Accepted by every analytics route (docs/API.md, Analytics); only the chart uses it.
                 */
                interval?: "day" | "month" | "hour" | "week";
                /** @description IANA time zone for the chart's day, week and month buckets (default `UTC`). */
                timezone?: string;
                /** @description Link ids (`link_…`). */
                linkId?: string;
                /** @description Short domains. */
                domain?: string;
                /** @description Folder ids (`fld_…`). */
                folderId?: string;
                /** @description Tag ids (`tag_…`): links with any of them. */
                tagId?: string;
                /** @description ISO 3166-1 alpha-2 codes. */
                country?: string;
                /** @description Regions as report rows name them: `<country>|<region>` (`US|California`). */
                region?: string;
                /** @description Cities as report rows name them: `<country>|<region>|<city>` (`US|California|San Francisco`, `DE||Berlin`). */
                city?: string;
                /** @description `desktop`, `mobile`, `tablet`, `bot`, `other`. */
                device?: string;
                browser?: string;
                os?: string;
                /** @description Referrer domains; `(direct)` for clicks without a referrer. */
                referrer?: string;
                utm_source?: string;
                utm_medium?: string;
                utm_campaign?: string;
                utm_term?: string;
                utm_content?: string;
                /** @description A/B test variants, by URL (`https://example.com/a`); a URL holding a comma cannot be named in a filter. */
                variant?: string;
                /** @description Destinations used: `web`, `geo`, `ios`, `android`, `app` (comma-separated). */
                destination_type?: string;
                /** @description Count clicks by bots too (default false). Unique visitors never include bots. */
                includeBots?: boolean;
                /** @description What a row is (default `link`). */
                groupBy?: "region" | "link" | "domain" | "folder" | "country" | "city" | "device" | "browser" | "os" | "referrer" | "variant" | "tag" | "referrer_url" | "utm_source" | "utm_medium" | "utm_campaign" | "utm_term" | "utm_content" | "destination_type";
                /** @description Column the rows are ordered by (default `clicks`); ties by value. */
                sort?: "clicks" | "uniqueVisitors" | "leads" | "sales";
                /** @description `desc` (default) or `asc`. */
                order?: "asc" | "desc";
                /** @description Rows, 1–1000 (default 100). */
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AnalyticsReportDto"];
                };
            };
            400: components["responses"]["BadRequest.validation_failed.RateLimited"];
            401: components["responses"]["Unauthorized.api_key_expired.api_key_revoked.invalid_api_key.unauthorized"];
            403: components["responses"]["Forbidden.forbidden.insufficient_scope.plan_upgrade_required.advancedAnalytics.publishable_key_not_allowed.RateLimited"];
            429: components["responses"]["TooManyRequests.rate_limit_exceeded.RateLimited"];
            500: components["responses"]["InternalServerError.internal_error"];
            503: components["responses"]["ServiceUnavailable.analytics_rebuilding.analytics_timeout.service_unavailable"];
        };
    };
    getTechnologyPanel: {
        parameters: {
            query?: {
                /** @description ISO 8601, inclusive, rounded down to the hour; default 30 days before `end`. */
                start?: string;
                /** @description ISO 8601, exclusive, rounded up to the hour; default now. */
                end?: string;
                /** @description Up to now: `24h`, `7d`, `30d` (default), `90d`, `1y`, or `all` (everything the plan keeps). Not with start/end. */
                range?: "all" | "24h" | "7d" | "30d" | "90d" | "1y";
                /**
                 * @description Chart bucket size (default `day`); day, week (from Monday) and month buckets start at midnight in
                 *     `timezone`. Accepted by every analytics route (docs/API.md, Analytics); only the chart uses it.
                 */
                interval?: "day" | "month" | "hour" | "week";
                /** @description IANA time zone for the chart's day, week and month buckets (default `UTC`). */
                timezone?: string;
                /** @description Link ids (`link_…`). */
                linkId?: string;
                /** @description Short domains. */
                domain?: string;
                /** @description Folder ids (`fld_…`). */
                folderId?: string;
                /** @description Tag ids (`tag_…`): links with any of them. */
                tagId?: string;
                /** @description ISO 3166-1 alpha-2 codes. */
                country?: string;
                /** @description Regions as report rows name them: `<country>|<region>` (`US|California`). */
                region?: string;
                /** @description Cities as report rows name them: `<country>|<region>|<city>` (`US|California|San Francisco`, `DE||Berlin`). */
                city?: string;
                /** @description `desktop`, `mobile`, `tablet`, `bot`, `other`. */
                device?: string;
                browser?: string;
                os?: string;
                /** @description Referrer domains; `(direct)` for clicks without a referrer. */
                referrer?: string;
                utm_source?: string;
                utm_medium?: string;
                utm_campaign?: string;
                utm_term?: string;
                utm_content?: string;
                /** @description A/B test variants, by URL (`https://example.com/a`); a URL holding a comma cannot be named in a filter. */
                variant?: string;
                /** @description Destinations used: `web`, `geo`, `ios`, `android`, `app` (comma-separated). */
                destination_type?: string;
                /** @description Count clicks by bots too (default false). Unique visitors never include bots. */
                includeBots?: boolean;
                /** @description Rows per list, 1–100 (default 10). */
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TechnologyPanelDto"];
                };
            };
            400: components["responses"]["BadRequest.validation_failed.RateLimited"];
            401: components["responses"]["Unauthorized.api_key_expired.api_key_revoked.invalid_api_key.unauthorized"];
            403: components["responses"]["Forbidden.forbidden.insufficient_scope.plan_upgrade_required.advancedAnalytics.publishable_key_not_allowed.RateLimited"];
            429: components["responses"]["TooManyRequests.rate_limit_exceeded.RateLimited"];
            500: components["responses"]["InternalServerError.internal_error"];
            503: components["responses"]["ServiceUnavailable.analytics_rebuilding.analytics_timeout.service_unavailable"];
        };
    };
    getTrafficPanel: {
        parameters: {
            query?: {
                /** @description ISO 8601, inclusive, rounded down to the hour; default 30 days before `end`. */
                start?: string;
                /** @description ISO 8601, exclusive, rounded up to the hour; default now. */
                end?: string;
                /** @description Up to now: `24h`, `7d`, `30d` (default), `90d`, `1y`, or `all` (everything the plan keeps). Not with start/end. */
                range?: "all" | "24h" | "7d" | "30d" | "90d" | "1y";
                /**
                 * @description Chart bucket size (default `day`); day, week (from Monday) and month buckets start at midnight in
                 *     `timezone`. Accepted by every analytics route (docs/API.md, Analytics); only the chart uses it.
                 */
                interval?: "day" | "month" | "hour" | "week";
                /** @description IANA time zone for the chart's day, week and month buckets (default `UTC`). */
                timezone?: string;
                /** @description Link ids (`link_…`). */
                linkId?: string;
                /** @description Short domains. */
                domain?: string;
                /** @description Folder ids (`fld_…`). */
                folderId?: string;
                /** @description Tag ids (`tag_…`): links with any of them. */
                tagId?: string;
                /** @description ISO 3166-1 alpha-2 codes. */
                country?: string;
                /** @description Regions as report rows name them: `<country>|<region>` (`US|California`). */
                region?: string;
                /** @description Cities as report rows name them: `<country>|<region>|<city>` (`US|California|San Francisco`, `DE||Berlin`). */
                city?: string;
                /** @description `desktop`, `mobile`, `tablet`, `bot`, `other`. */
                device?: string;
                browser?: string;
                os?: string;
                /** @description Referrer domains; `(direct)` for clicks without a referrer. */
                referrer?: string;
                utm_source?: string;
                utm_medium?: string;
                utm_campaign?: string;
                utm_term?: string;
                utm_content?: string;
                /** @description A/B test variants, by URL (`https://example.com/a`); a URL holding a comma cannot be named in a filter. */
                variant?: string;
                /** @description Destinations used: `web`, `geo`, `ios`, `android`, `app` (comma-separated). */
                destination_type?: string;
                /** @description Count clicks by bots too (default false). Unique visitors never include bots. */
                includeBots?: boolean;
                /** @description Rows per list, 1–100 (default 10). */
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TrafficPanelDto"];
                };
            };
            400: components["responses"]["BadRequest.validation_failed.RateLimited"];
            401: components["responses"]["Unauthorized.api_key_expired.api_key_revoked.invalid_api_key.unauthorized"];
            403: components["responses"]["Forbidden.forbidden.insufficient_scope.plan_upgrade_required.advancedAnalytics.publishable_key_not_allowed.RateLimited"];
            429: components["responses"]["TooManyRequests.rate_limit_exceeded.RateLimited"];
            500: components["responses"]["InternalServerError.internal_error"];
            503: components["responses"]["ServiceUnavailable.analytics_rebuilding.analytics_timeout.service_unavailable"];
        };
    };
    listConversionEvents: {
        parameters: {
            query?: {
                /** @description ISO 8601, inclusive. */
                start?: string;
                /** @description ISO 8601, exclusive. */
                end?: string;
                /** @description Items per page, 1–100. */
                limit?: number;
                /** @description `nextCursor` of the previous page. */
                cursor?: string;
                /** @description `lead` or `sale`. */
                type?: "lead" | "sale";
                /** @description Only events attributed to this link. */
                linkId?: string;
                /** @description Only events of this customer (your own id). */
                customerExternalId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConversionEventPageDto"];
                };
            };
            400: components["responses"]["BadRequest.validation_failed.RateLimited"];
            401: components["responses"]["Unauthorized.api_key_expired.api_key_revoked.invalid_api_key.unauthorized"];
            403: components["responses"]["Forbidden.forbidden.insufficient_scope.publishable_key_not_allowed.RateLimited"];
            429: components["responses"]["TooManyRequests.rate_limit_exceeded.RateLimited"];
            500: components["responses"]["InternalServerError.internal_error"];
            503: components["responses"]["ServiceUnavailable.service_unavailable"];
        };
    };
    exportConversionEvents: {
        parameters: {
            query?: {
                /** @description ISO 8601, inclusive. */
                start?: string;
                /** @description ISO 8601, exclusive. */
                end?: string;
                /** @description `csv` (default, with a header row) or `ndjson` (one JSON event per line, as in the event list). */
                format?: "csv" | "ndjson";
                /** @description `lead` or `sale`. */
                type?: "lead" | "sale";
                /** @description Only events attributed to this link. */
                linkId?: string;
                /** @description Only events of this customer (your own id). */
                customerExternalId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The events, streamed */
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest.validation_failed.RateLimited"];
            401: components["responses"]["Unauthorized.api_key_expired.api_key_revoked.invalid_api_key.unauthorized"];
            403: components["responses"]["Forbidden.forbidden.insufficient_scope.plan_upgrade_required.linkDetail.publishable_key_not_allowed.RateLimited"];
            429: components["responses"]["TooManyRequests.rate_limit_exceeded.RateLimited"];
            500: components["responses"]["InternalServerError.internal_error"];
            503: components["responses"]["ServiceUnavailable.service_unavailable"];
        };
    };
    getConversionSummary: {
        parameters: {
            query?: {
                /** @description ISO 8601, inclusive; default 30 days before `end`. */
                start?: string;
                /** @description ISO 8601, exclusive; default now. */
                end?: string;
                /** @description Only this link. */
                linkId?: string;
                /** @description How many links `links` lists, 1–100. */
                top?: number;
                /** @description Up to now: `24h`, `7d`, `30d` (default), `90d`, `1y`, or `all` (since the workspace was created). Not with start/end. */
                range?: "all" | "24h" | "7d" | "30d" | "90d" | "1y";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConversionSummaryDto"];
                };
            };
            400: components["responses"]["BadRequest.validation_failed.RateLimited"];
            401: components["responses"]["Unauthorized.api_key_expired.api_key_revoked.invalid_api_key.unauthorized"];
            403: components["responses"]["Forbidden.forbidden.insufficient_scope.publishable_key_not_allowed.RateLimited"];
            429: components["responses"]["TooManyRequests.rate_limit_exceeded.RateLimited"];
            500: components["responses"]["InternalServerError.internal_error"];
            503: components["responses"]["ServiceUnavailable.analytics_rebuilding.analytics_timeout.service_unavailable"];
        };
    };
    listDomains: {
        parameters: {
            query?: {
                /** @description Items per page, 1–100. */
                limit?: number;
                /** @description `nextCursor` of the previous page. */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DomainPageDto"];
                };
            };
            400: components["responses"]["BadRequest.validation_failed.RateLimited"];
            401: components["responses"]["Unauthorized.api_key_expired.api_key_revoked.invalid_api_key.unauthorized"];
            403: components["responses"]["Forbidden.forbidden.insufficient_scope.publishable_key_not_allowed.RateLimited"];
            429: components["responses"]["TooManyRequests.rate_limit_exceeded.RateLimited"];
            500: components["responses"]["InternalServerError.internal_error"];
            503: components["responses"]["ServiceUnavailable.service_unavailable"];
        };
    };
    createDomain: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateDomainDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DomainDto"];
                };
            };
            400: components["responses"]["BadRequest.validation_failed.RateLimited"];
            401: components["responses"]["Unauthorized.api_key_expired.api_key_revoked.invalid_api_key.unauthorized"];
            403: components["responses"]["Forbidden.csrf_invalid.forbidden.insufficient_scope.publishable_key_not_allowed.quota_exceeded.RateLimited"];
            409: components["responses"]["Conflict.conflict.RateLimited"];
            413: components["responses"]["PayloadTooLarge.payload_too_large.RateLimited"];
            415: components["responses"]["UnsupportedMediaType.unsupported_media_type.RateLimited"];
            429: components["responses"]["TooManyRequests.rate_limit_exceeded.RateLimited"];
            500: components["responses"]["InternalServerError.internal_error"];
            503: components["responses"]["ServiceUnavailable.service_unavailable"];
        };
    };
    checkDomain: {
        parameters: {
            query: {
                domain: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DomainAvailabilityDto"];
                };
            };
            400: components["responses"]["BadRequest.validation_failed.RateLimited"];
            401: components["responses"]["Unauthorized.api_key_expired.api_key_revoked.invalid_api_key.unauthorized"];
            403: components["responses"]["Forbidden.forbidden.insufficient_scope.publishable_key_not_allowed.RateLimited"];
            429: components["responses"]["TooManyRequests.rate_limit_exceeded.RateLimited"];
            500: components["responses"]["InternalServerError.internal_error"];
            503: components["responses"]["ServiceUnavailable.service_unavailable"];
        };
    };
    deleteDomain: {
        parameters: {
            query?: {
                /** @description Delete even though links use the domain: those links are archived, never deleted. */
                force?: boolean;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest.validation_failed.RateLimited"];
            401: components["responses"]["Unauthorized.api_key_expired.api_key_revoked.invalid_api_key.unauthorized"];
            403: components["responses"]["Forbidden.csrf_invalid.forbidden.insufficient_scope.publishable_key_not_allowed.RateLimited"];
            404: components["responses"]["NotFound.not_found.RateLimited"];
            409: components["responses"]["Conflict.conflict.RateLimited"];
            429: components["responses"]["TooManyRequests.rate_limit_exceeded.RateLimited"];
            500: components["responses"]["InternalServerError.internal_error"];
            503: components["responses"]["ServiceUnavailable.service_unavailable"];
        };
    };
    updateDomain: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateDomainDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DomainDto"];
                };
            };
            400: components["responses"]["BadRequest.validation_failed.RateLimited"];
            401: components["responses"]["Unauthorized.api_key_expired.api_key_revoked.invalid_api_key.unauthorized"];
            403: components["responses"]["Forbidden.csrf_invalid.forbidden.insufficient_scope.plan_upgrade_required.domainMetadata.publishable_key_not_allowed.RateLimited"];
            404: components["responses"]["NotFound.not_found.RateLimited"];
            413: components["responses"]["PayloadTooLarge.payload_too_large.RateLimited"];
            415: components["responses"]["UnsupportedMediaType.unsupported_media_type.RateLimited"];
            429: components["responses"]["TooManyRequests.rate_limit_exceeded.RateLimited"];
            500: components["responses"]["InternalServerError.internal_error"];
            503: components["responses"]["ServiceUnavailable.service_unavailable"];
        };
    };
    verifyDomain: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DomainVerificationDto"];
                };
            };
            400: components["responses"]["BadRequest.validation_failed.RateLimited"];
            401: components["responses"]["Unauthorized.api_key_expired.api_key_revoked.invalid_api_key.unauthorized"];
            403: components["responses"]["Forbidden.csrf_invalid.forbidden.insufficient_scope.publishable_key_not_allowed.RateLimited"];
            404: components["responses"]["NotFound.not_found.RateLimited"];
            409: components["responses"]["Conflict.conflict.RateLimited"];
            429: components["responses"]["TooManyRequests.rate_limit_exceeded.RateLimited"];
            500: components["responses"]["InternalServerError.internal_error"];
            503: components["responses"]["ServiceUnavailable.service_unavailable"];
        };
    };
    createImport: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": components["schemas"]["CreateImportFormDto"];
            };
        };
        responses: {
            /** @description The dry run (`dryRun=true`) */
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImportDryRunDto"];
                };
            };
            /** @description The queued import */
            202: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImportDto"];
                };
            };
            400: components["responses"]["BadRequest.invalid_csv.validation_failed.RateLimited"];
            401: components["responses"]["Unauthorized.api_key_expired.api_key_revoked.invalid_api_key.unauthorized"];
            403: components["responses"]["Forbidden.csrf_invalid.forbidden.insufficient_scope.publishable_key_not_allowed.RateLimited"];
            413: components["responses"]["PayloadTooLarge.payload_too_large.RateLimited"];
            415: components["responses"]["UnsupportedMediaType.unsupported_media_type.RateLimited"];
            429: components["responses"]["TooManyRequests.rate_limit_exceeded.RateLimited"];
            500: components["responses"]["InternalServerError.internal_error"];
            503: components["responses"]["ServiceUnavailable.service_unavailable"];
        };
    };
    getImport: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImportDto"];
                };
            };
            400: components["responses"]["BadRequest.validation_failed.RateLimited"];
            401: components["responses"]["Unauthorized.api_key_expired.api_key_revoked.invalid_api_key.unauthorized"];
            403: components["responses"]["Forbidden.forbidden.insufficient_scope.publishable_key_not_allowed.RateLimited"];
            404: components["responses"]["NotFound.not_found.RateLimited"];
            429: components["responses"]["TooManyRequests.rate_limit_exceeded.RateLimited"];
            500: components["responses"]["InternalServerError.internal_error"];
            503: components["responses"]["ServiceUnavailable.service_unavailable"];
        };
    };
    getImportReport: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description CSV */
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": string;
                };
            };
            400: components["responses"]["BadRequest.validation_failed.RateLimited"];
            401: components["responses"]["Unauthorized.api_key_expired.api_key_revoked.invalid_api_key.unauthorized"];
            403: components["responses"]["Forbidden.forbidden.insufficient_scope.publishable_key_not_allowed.RateLimited"];
            404: components["responses"]["NotFound.not_found.RateLimited"];
            409: components["responses"]["Conflict.conflict.RateLimited"];
            429: components["responses"]["TooManyRequests.rate_limit_exceeded.RateLimited"];
            500: components["responses"]["InternalServerError.internal_error"];
            503: components["responses"]["ServiceUnavailable.service_unavailable"];
        };
    };
    listLinkFolders: {
        parameters: {
            query?: {
                /** @description Items per page, 1–100. */
                limit?: number;
                /** @description `nextCursor` of the previous page. */
                cursor?: string;
                /** @description Only those whose name contains this text (any letter case). */
                search?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LinkFolderPageDto"];
                };
            };
            400: components["responses"]["BadRequest.validation_failed.RateLimited"];
            401: components["responses"]["Unauthorized.api_key_expired.api_key_revoked.invalid_api_key.unauthorized"];
            403: components["responses"]["Forbidden.forbidden.insufficient_scope.publishable_key_not_allowed.RateLimited"];
            429: components["responses"]["TooManyRequests.rate_limit_exceeded.RateLimited"];
            500: components["responses"]["InternalServerError.internal_error"];
            503: components["responses"]["ServiceUnavailable.service_unavailable"];
        };
    };
    createLinkFolder: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateLinkFolderDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LinkFolderDto"];
                };
            };
            400: components["responses"]["BadRequest.validation_failed.RateLimited"];
            401: components["responses"]["Unauthorized.api_key_expired.api_key_revoked.invalid_api_key.unauthorized"];
            403: components["responses"]["Forbidden.csrf_invalid.forbidden.insufficient_scope.publishable_key_not_allowed.quota_exceeded.RateLimited"];
            409: components["responses"]["Conflict.conflict.RateLimited"];
            413: components["responses"]["PayloadTooLarge.payload_too_large.RateLimited"];
            415: components["responses"]["UnsupportedMediaType.unsupported_media_type.RateLimited"];
            429: components["responses"]["TooManyRequests.rate_limit_exceeded.RateLimited"];
            500: components["responses"]["InternalServerError.internal_error"];
            503: components["responses"]["ServiceUnavailable.service_unavailable"];
        };
    };
    deleteLinkFolder: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest.validation_failed.RateLimited"];
            401: components["responses"]["Unauthorized.api_key_expired.api_key_revoked.invalid_api_key.unauthorized"];
            403: components["responses"]["Forbidden.csrf_invalid.forbidden.insufficient_scope.publishable_key_not_allowed.RateLimited"];
            404: components["responses"]["NotFound.not_found.RateLimited"];
            429: components["responses"]["TooManyRequests.rate_limit_exceeded.RateLimited"];
            500: components["responses"]["InternalServerError.internal_error"];
            503: components["responses"]["ServiceUnavailable.service_unavailable"];
        };
    };
    updateLinkFolder: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateLinkFolderDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LinkFolderDto"];
                };
            };
            400: components["responses"]["BadRequest.validation_failed.RateLimited"];
            401: components["responses"]["Unauthorized.api_key_expired.api_key_revoked.invalid_api_key.unauthorized"];
            403: components["responses"]["Forbidden.csrf_invalid.forbidden.insufficient_scope.publishable_key_not_allowed.RateLimited"];
            404: components["responses"]["NotFound.not_found.RateLimited"];
            409: components["responses"]["Conflict.conflict.RateLimited"];
            413: components["responses"]["PayloadTooLarge.payload_too_large.RateLimited"];
            415: components["responses"]["UnsupportedMediaType.unsupported_media_type.RateLimited"];
            429: components["responses"]["TooManyRequests.rate_limit_exceeded.RateLimited"];
            500: components["responses"]["InternalServerError.internal_error"];
            503: components["responses"]["ServiceUnavailable.service_unavailable"];
        };
    };
    listLinkTags: {
        parameters: {
            query?: {
                /** @description Items per page, 1–100. */
                limit?: number;
                /** @description `nextCursor` of the previous page. */
                cursor?: string;
                /** @description Only those whose name contains this text (any letter case). */
                search?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LinkTagPageDto"];
                };
            };
            400: components["responses"]["BadRequest.validation_failed.RateLimited"];
            401: components["responses"]["Unauthorized.api_key_expired.api_key_revoked.invalid_api_key.unauthorized"];
            403: components["responses"]["Forbidden.forbidden.insufficient_scope.publishable_key_not_allowed.RateLimited"];
            429: components["responses"]["TooManyRequests.rate_limit_exceeded.RateLimited"];
            500: components["responses"]["InternalServerError.internal_error"];
            503: components["responses"]["ServiceUnavailable.service_unavailable"];
        };
    };
    createLinkTag: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateLinkTagDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LinkTagDto"];
                };
            };
            400: components["responses"]["BadRequest.validation_failed.RateLimited"];
            401: components["responses"]["Unauthorized.api_key_expired.api_key_revoked.invalid_api_key.unauthorized"];
            403: components["responses"]["Forbidden.csrf_invalid.forbidden.insufficient_scope.publishable_key_not_allowed.quota_exceeded.RateLimited"];
            409: components["responses"]["Conflict.conflict.RateLimited"];
            413: components["responses"]["PayloadTooLarge.payload_too_large.RateLimited"];
            415: components["responses"]["UnsupportedMediaType.unsupported_media_type.RateLimited"];
            429: components["responses"]["TooManyRequests.rate_limit_exceeded.RateLimited"];
            500: components["responses"]["InternalServerError.internal_error"];
            503: components["responses"]["ServiceUnavailable.service_unavailable"];
        };
    };
    deleteLinkTag: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest.validation_failed.RateLimited"];
            401: components["responses"]["Unauthorized.api_key_expired.api_key_revoked.invalid_api_key.unauthorized"];
            403: components["responses"]["Forbidden.csrf_invalid.forbidden.insufficient_scope.publishable_key_not_allowed.RateLimited"];
            404: components["responses"]["NotFound.not_found.RateLimited"];
            429: components["responses"]["TooManyRequests.rate_limit_exceeded.RateLimited"];
            500: components["responses"]["InternalServerError.internal_error"];
            503: components["responses"]["ServiceUnavailable.service_unavailable"];
        };
    };
    updateLinkTag: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateLinkTagDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LinkTagDto"];
                };
            };
            400: components["responses"]["BadRequest.validation_failed.RateLimited"];
            401: components["responses"]["Unauthorized.api_key_expired.api_key_revoked.invalid_api_key.unauthorized"];
            403: components["responses"]["Forbidden.csrf_invalid.forbidden.insufficient_scope.publishable_key_not_allowed.RateLimited"];
            404: components["responses"]["NotFound.not_found.RateLimited"];
            409: components["responses"]["Conflict.conflict.RateLimited"];
            413: components["responses"]["PayloadTooLarge.payload_too_large.RateLimited"];
            415: components["responses"]["UnsupportedMediaType.unsupported_media_type.RateLimited"];
            429: components["responses"]["TooManyRequests.rate_limit_exceeded.RateLimited"];
            500: components["responses"]["InternalServerError.internal_error"];
            503: components["responses"]["ServiceUnavailable.service_unavailable"];
        };
    };
    listLinks: {
        parameters: {
            query?: {
                /** @description Items per page, 1–100. */
                limit?: number;
                /** @description `nextCursor` of the previous page. */
                cursor?: string;
                /** @description Case-insensitive substring of the slug, the destination URL or the title. */
                search?: string;
                /** @description Only links of this short domain. */
                domain?: string;
                /** @description Only links in this folder. */
                folderId?: string;
                /** @description Only links with this tag. */
                tagId?: string;
                /**
                 * @description `true`: only archived links; `false`: only links not archived. When absent, both are listed (a list
                 *     that silently hid links would look like data loss).
                 */
                archived?: boolean;
                /** @description `createdAt` (default): newest first; `clicks`: most clicked first. Ties are ordered by id. */
                sort?: "createdAt" | "clicks";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LinkPageDto"];
                };
            };
            400: components["responses"]["BadRequest.validation_failed.RateLimited"];
            401: components["responses"]["Unauthorized.api_key_expired.api_key_revoked.invalid_api_key.unauthorized"];
            403: components["responses"]["Forbidden.forbidden.insufficient_scope.publishable_key_not_allowed.RateLimited"];
            429: components["responses"]["TooManyRequests.rate_limit_exceeded.RateLimited"];
            500: components["responses"]["InternalServerError.internal_error"];
            503: components["responses"]["ServiceUnavailable.service_unavailable"];
        };
    };
    createLink: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateLinkDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LinkDto"];
                };
            };
            400: components["responses"]["BadRequest.validation_failed.RateLimited"];
            401: components["responses"]["Unauthorized.api_key_expired.api_key_revoked.invalid_api_key.unauthorized"];
            403: components["responses"]["Forbidden.csrf_invalid.forbidden.insufficient_scope.plan_upgrade_required.advancedAnalytics.publishable_key_not_allowed.quota_exceeded.RateLimited"];
            409: components["responses"]["Conflict.conflict.RateLimited"];
            413: components["responses"]["PayloadTooLarge.payload_too_large.RateLimited"];
            415: components["responses"]["UnsupportedMediaType.unsupported_media_type.RateLimited"];
            429: components["responses"]["TooManyRequests.rate_limit_exceeded.RateLimited"];
            500: components["responses"]["InternalServerError.internal_error"];
            503: components["responses"]["ServiceUnavailable.service_unavailable"];
        };
    };
    bulkCreateLinks: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["BulkCreateLinksDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BulkLinkResultsDto"];
                };
            };
            400: components["responses"]["BadRequest.validation_failed.RateLimited"];
            401: components["responses"]["Unauthorized.api_key_expired.api_key_revoked.invalid_api_key.unauthorized"];
            403: components["responses"]["Forbidden.csrf_invalid.forbidden.insufficient_scope.publishable_key_not_allowed.RateLimited"];
            413: components["responses"]["PayloadTooLarge.payload_too_large.RateLimited"];
            415: components["responses"]["UnsupportedMediaType.unsupported_media_type.RateLimited"];
            429: components["responses"]["TooManyRequests.rate_limit_exceeded.RateLimited"];
            500: components["responses"]["InternalServerError.internal_error"];
            503: components["responses"]["ServiceUnavailable.service_unavailable"];
        };
    };
    bulkDeleteLinks: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["BulkDeleteLinksDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BulkLinkResultsDto"];
                };
            };
            400: components["responses"]["BadRequest.validation_failed.RateLimited"];
            401: components["responses"]["Unauthorized.api_key_expired.api_key_revoked.invalid_api_key.unauthorized"];
            403: components["responses"]["Forbidden.csrf_invalid.forbidden.insufficient_scope.publishable_key_not_allowed.RateLimited"];
            413: components["responses"]["PayloadTooLarge.payload_too_large.RateLimited"];
            415: components["responses"]["UnsupportedMediaType.unsupported_media_type.RateLimited"];
            429: components["responses"]["TooManyRequests.rate_limit_exceeded.RateLimited"];
            500: components["responses"]["InternalServerError.internal_error"];
            503: components["responses"]["ServiceUnavailable.service_unavailable"];
        };
    };
    bulkUpdateLinks: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["BulkUpdateLinksDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BulkLinkResultsDto"];
                };
            };
            400: components["responses"]["BadRequest.validation_failed.RateLimited"];
            401: components["responses"]["Unauthorized.api_key_expired.api_key_revoked.invalid_api_key.unauthorized"];
            403: components["responses"]["Forbidden.csrf_invalid.forbidden.insufficient_scope.publishable_key_not_allowed.RateLimited"];
            413: components["responses"]["PayloadTooLarge.payload_too_large.RateLimited"];
            415: components["responses"]["UnsupportedMediaType.unsupported_media_type.RateLimited"];
            429: components["responses"]["TooManyRequests.rate_limit_exceeded.RateLimited"];
            500: components["responses"]["InternalServerError.internal_error"];
            503: components["responses"]["ServiceUnavailable.service_unavailable"];
        };
    };
    upsertLink: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateLinkDto"];
            };
        };
        responses: {
            /** @description Updated */
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LinkDto"];
                };
            };
            /** @description Created */
            201: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LinkDto"];
                };
            };
            400: components["responses"]["BadRequest.validation_failed.RateLimited"];
            401: components["responses"]["Unauthorized.api_key_expired.api_key_revoked.invalid_api_key.unauthorized"];
            403: components["responses"]["Forbidden.csrf_invalid.forbidden.insufficient_scope.plan_upgrade_required.advancedAnalytics.publishable_key_not_allowed.quota_exceeded.RateLimited"];
            409: components["responses"]["Conflict.conflict.RateLimited"];
            413: components["responses"]["PayloadTooLarge.payload_too_large.RateLimited"];
            415: components["responses"]["UnsupportedMediaType.unsupported_media_type.RateLimited"];
            429: components["responses"]["TooManyRequests.rate_limit_exceeded.RateLimited"];
            500: components["responses"]["InternalServerError.internal_error"];
            503: components["responses"]["ServiceUnavailable.service_unavailable"];
        };
    };
    getLink: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LinkDto"];
                };
            };
            400: components["responses"]["BadRequest.validation_failed.RateLimited"];
            401: components["responses"]["Unauthorized.api_key_expired.api_key_revoked.invalid_api_key.unauthorized"];
            403: components["responses"]["Forbidden.forbidden.insufficient_scope.publishable_key_not_allowed.RateLimited"];
            404: components["responses"]["NotFound.not_found.RateLimited"];
            429: components["responses"]["TooManyRequests.rate_limit_exceeded.RateLimited"];
            500: components["responses"]["InternalServerError.internal_error"];
            503: components["responses"]["ServiceUnavailable.service_unavailable"];
        };
    };
    deleteLink: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest.validation_failed.RateLimited"];
            401: components["responses"]["Unauthorized.api_key_expired.api_key_revoked.invalid_api_key.unauthorized"];
            403: components["responses"]["Forbidden.csrf_invalid.forbidden.insufficient_scope.publishable_key_not_allowed.RateLimited"];
            404: components["responses"]["NotFound.not_found.RateLimited"];
            429: components["responses"]["TooManyRequests.rate_limit_exceeded.RateLimited"];
            500: components["responses"]["InternalServerError.internal_error"];
            503: components["responses"]["ServiceUnavailable.service_unavailable"];
        };
    };
    updateLink: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateLinkDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LinkDto"];
                };
            };
            400: components["responses"]["BadRequest.validation_failed.RateLimited"];
            401: components["responses"]["Unauthorized.api_key_expired.api_key_revoked.invalid_api_key.unauthorized"];
            403: components["responses"]["Forbidden.csrf_invalid.forbidden.insufficient_scope.plan_upgrade_required.advancedAnalytics.publishable_key_not_allowed.RateLimited"];
            404: components["responses"]["NotFound.not_found.RateLimited"];
            409: components["responses"]["Conflict.conflict.RateLimited"];
            413: components["responses"]["PayloadTooLarge.payload_too_large.RateLimited"];
            415: components["responses"]["UnsupportedMediaType.unsupported_media_type.RateLimited"];
            429: components["responses"]["TooManyRequests.rate_limit_exceeded.RateLimited"];
            500: components["responses"]["InternalServerError.internal_error"];
            503: components["responses"]["ServiceUnavailable.service_unavailable"];
        };
    };
    getLinkDetail: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LinkDetailDto"];
                };
            };
            400: components["responses"]["BadRequest.validation_failed.RateLimited"];
            401: components["responses"]["Unauthorized.api_key_expired.api_key_revoked.invalid_api_key.unauthorized"];
            403: components["responses"]["Forbidden.forbidden.insufficient_scope.plan_upgrade_required.linkDetail.publishable_key_not_allowed.RateLimited"];
            404: components["responses"]["NotFound.not_found.RateLimited"];
            429: components["responses"]["TooManyRequests.rate_limit_exceeded.RateLimited"];
            500: components["responses"]["InternalServerError.internal_error"];
            503: components["responses"]["ServiceUnavailable.analytics_rebuilding.analytics_timeout.service_unavailable"];
        };
    };
    exportLinkEvents: {
        parameters: {
            query?: {
                /** @description Earliest click time included (ISO 8601). */
                start?: string;
                /** @description Clicks before this time (ISO 8601). */
                end?: string;
                /** @description `csv` (default) or `ndjson`. */
                format?: "csv" | "ndjson";
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest.validation_failed.RateLimited"];
            401: components["responses"]["Unauthorized.api_key_expired.api_key_revoked.invalid_api_key.unauthorized"];
            403: components["responses"]["Forbidden.forbidden.insufficient_scope.plan_upgrade_required.linkDetail.publishable_key_not_allowed.RateLimited"];
            404: components["responses"]["NotFound.not_found.RateLimited"];
            429: components["responses"]["TooManyRequests.rate_limit_exceeded.RateLimited"];
            500: components["responses"]["InternalServerError.internal_error"];
            503: components["responses"]["ServiceUnavailable.service_unavailable"];
        };
    };
    getLinkQr: {
        parameters: {
            query?: {
                /** @description `png` (default) or `svg`. */
                format?: "png" | "svg";
                /** @description Width and height of the image in pixels, 64–2048 (default 512); the quiet zone is included. */
                size?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The QR code image */
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "image/png": string;
                    "image/svg+xml": string;
                };
            };
            400: components["responses"]["BadRequest.validation_failed.RateLimited"];
            401: components["responses"]["Unauthorized.api_key_expired.api_key_revoked.invalid_api_key.unauthorized"];
            403: components["responses"]["Forbidden.forbidden.insufficient_scope.publishable_key_not_allowed.RateLimited"];
            404: components["responses"]["NotFound.not_found.RateLimited"];
            429: components["responses"]["TooManyRequests.rate_limit_exceeded.RateLimited"];
            500: components["responses"]["InternalServerError.internal_error"];
            503: components["responses"]["ServiceUnavailable.service_unavailable"];
        };
    };
    getTrackingScript: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description JavaScript, cacheable for an hour (ETag revalidation answers 304) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not modified: the If-None-Match ETag is current */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest.validation_failed"];
            500: components["responses"]["InternalServerError.internal_error"];
        };
    };
    trackLead: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TrackLeadDto"];
            };
        };
        responses: {
            /** @description A retry: the event an earlier request recorded with the same idempotency key, unchanged */
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TrackedConversionDto"];
                };
            };
            /** @description The event recorded by this request */
            201: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TrackedConversionDto"];
                };
            };
            400: components["responses"]["BadRequest.validation_failed.RateLimited"];
            401: components["responses"]["Unauthorized.api_key_expired.api_key_revoked.invalid_api_key.unauthorized"];
            403: components["responses"]["Forbidden.csrf_invalid.forbidden.insufficient_scope.origin_not_allowed.plan_upgrade_required.conversionTracking.RateLimited"];
            404: components["responses"]["NotFound.not_found.RateLimited"];
            409: components["responses"]["Conflict.conflict.RateLimited"];
            413: components["responses"]["PayloadTooLarge.payload_too_large.RateLimited"];
            415: components["responses"]["UnsupportedMediaType.unsupported_media_type.RateLimited"];
            429: components["responses"]["TooManyRequests.rate_limit_exceeded.RateLimited"];
            500: components["responses"]["InternalServerError.internal_error"];
            503: components["responses"]["ServiceUnavailable.service_unavailable"];
        };
    };
    trackSale: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TrackSaleDto"];
            };
        };
        responses: {
            /** @description A retry: the event an earlier request recorded with the same idempotency key, unchanged */
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TrackedConversionDto"];
                };
            };
            /** @description The event recorded by this request */
            201: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TrackedConversionDto"];
                };
            };
            400: components["responses"]["BadRequest.validation_failed.RateLimited"];
            401: components["responses"]["Unauthorized.api_key_expired.api_key_revoked.invalid_api_key.unauthorized"];
            403: components["responses"]["Forbidden.csrf_invalid.forbidden.insufficient_scope.origin_not_allowed.plan_upgrade_required.conversionTracking.RateLimited"];
            404: components["responses"]["NotFound.not_found.RateLimited"];
            409: components["responses"]["Conflict.conflict.RateLimited"];
            413: components["responses"]["PayloadTooLarge.payload_too_large.RateLimited"];
            415: components["responses"]["UnsupportedMediaType.unsupported_media_type.RateLimited"];
            429: components["responses"]["TooManyRequests.rate_limit_exceeded.RateLimited"];
            500: components["responses"]["InternalServerError.internal_error"];
            503: components["responses"]["ServiceUnavailable.service_unavailable"];
        };
    };
    listUtmTemplates: {
        parameters: {
            query?: {
                /** @description Items per page, 1–100. */
                limit?: number;
                /** @description `nextCursor` of the previous page. */
                cursor?: string;
                /** @description Only those whose name contains this text (any letter case). */
                search?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UtmTemplatePageDto"];
                };
            };
            400: components["responses"]["BadRequest.validation_failed.RateLimited"];
            401: components["responses"]["Unauthorized.api_key_expired.api_key_revoked.invalid_api_key.unauthorized"];
            403: components["responses"]["Forbidden.forbidden.insufficient_scope.publishable_key_not_allowed.RateLimited"];
            429: components["responses"]["TooManyRequests.rate_limit_exceeded.RateLimited"];
            500: components["responses"]["InternalServerError.internal_error"];
            503: components["responses"]["ServiceUnavailable.service_unavailable"];
        };
    };
    createUtmTemplate: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateUtmTemplateDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UtmTemplateDto"];
                };
            };
            400: components["responses"]["BadRequest.validation_failed.RateLimited"];
            401: components["responses"]["Unauthorized.api_key_expired.api_key_revoked.invalid_api_key.unauthorized"];
            403: components["responses"]["Forbidden.csrf_invalid.forbidden.insufficient_scope.publishable_key_not_allowed.quota_exceeded.RateLimited"];
            409: components["responses"]["Conflict.conflict.RateLimited"];
            413: components["responses"]["PayloadTooLarge.payload_too_large.RateLimited"];
            415: components["responses"]["UnsupportedMediaType.unsupported_media_type.RateLimited"];
            429: components["responses"]["TooManyRequests.rate_limit_exceeded.RateLimited"];
            500: components["responses"]["InternalServerError.internal_error"];
            503: components["responses"]["ServiceUnavailable.service_unavailable"];
        };
    };
    deleteUtmTemplate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest.validation_failed.RateLimited"];
            401: components["responses"]["Unauthorized.api_key_expired.api_key_revoked.invalid_api_key.unauthorized"];
            403: components["responses"]["Forbidden.csrf_invalid.forbidden.insufficient_scope.publishable_key_not_allowed.RateLimited"];
            404: components["responses"]["NotFound.not_found.RateLimited"];
            429: components["responses"]["TooManyRequests.rate_limit_exceeded.RateLimited"];
            500: components["responses"]["InternalServerError.internal_error"];
            503: components["responses"]["ServiceUnavailable.service_unavailable"];
        };
    };
    updateUtmTemplate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateUtmTemplateDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UtmTemplateDto"];
                };
            };
            400: components["responses"]["BadRequest.validation_failed.RateLimited"];
            401: components["responses"]["Unauthorized.api_key_expired.api_key_revoked.invalid_api_key.unauthorized"];
            403: components["responses"]["Forbidden.csrf_invalid.forbidden.insufficient_scope.publishable_key_not_allowed.RateLimited"];
            404: components["responses"]["NotFound.not_found.RateLimited"];
            409: components["responses"]["Conflict.conflict.RateLimited"];
            413: components["responses"]["PayloadTooLarge.payload_too_large.RateLimited"];
            415: components["responses"]["UnsupportedMediaType.unsupported_media_type.RateLimited"];
            429: components["responses"]["TooManyRequests.rate_limit_exceeded.RateLimited"];
            500: components["responses"]["InternalServerError.internal_error"];
            503: components["responses"]["ServiceUnavailable.service_unavailable"];
        };
    };
    listWebhooks: {
        parameters: {
            query?: {
                /** @description Items per page, 1–100. */
                limit?: number;
                /** @description `nextCursor` of the previous page. */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookPageDto"];
                };
            };
            400: components["responses"]["BadRequest.validation_failed.RateLimited"];
            401: components["responses"]["Unauthorized.api_key_expired.api_key_revoked.invalid_api_key.unauthorized"];
            403: components["responses"]["Forbidden.forbidden.insufficient_scope.plan_upgrade_required.webhooks.publishable_key_not_allowed.RateLimited"];
            429: components["responses"]["TooManyRequests.rate_limit_exceeded.RateLimited"];
            500: components["responses"]["InternalServerError.internal_error"];
            503: components["responses"]["ServiceUnavailable.service_unavailable"];
        };
    };
    createWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateWebhookDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedWebhookDto"];
                };
            };
            400: components["responses"]["BadRequest.validation_failed.RateLimited"];
            401: components["responses"]["Unauthorized.api_key_expired.api_key_revoked.invalid_api_key.unauthorized"];
            403: components["responses"]["Forbidden.csrf_invalid.forbidden.insufficient_scope.plan_upgrade_required.webhooks.publishable_key_not_allowed.quota_exceeded.RateLimited"];
            413: components["responses"]["PayloadTooLarge.payload_too_large.RateLimited"];
            415: components["responses"]["UnsupportedMediaType.unsupported_media_type.RateLimited"];
            429: components["responses"]["TooManyRequests.rate_limit_exceeded.RateLimited"];
            500: components["responses"]["InternalServerError.internal_error"];
            503: components["responses"]["ServiceUnavailable.service_unavailable"];
        };
    };
    getWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDto"];
                };
            };
            400: components["responses"]["BadRequest.validation_failed.RateLimited"];
            401: components["responses"]["Unauthorized.api_key_expired.api_key_revoked.invalid_api_key.unauthorized"];
            403: components["responses"]["Forbidden.forbidden.insufficient_scope.plan_upgrade_required.webhooks.publishable_key_not_allowed.RateLimited"];
            404: components["responses"]["NotFound.not_found.RateLimited"];
            429: components["responses"]["TooManyRequests.rate_limit_exceeded.RateLimited"];
            500: components["responses"]["InternalServerError.internal_error"];
            503: components["responses"]["ServiceUnavailable.service_unavailable"];
        };
    };
    deleteWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest.validation_failed.RateLimited"];
            401: components["responses"]["Unauthorized.api_key_expired.api_key_revoked.invalid_api_key.unauthorized"];
            403: components["responses"]["Forbidden.csrf_invalid.forbidden.insufficient_scope.plan_upgrade_required.webhooks.publishable_key_not_allowed.RateLimited"];
            404: components["responses"]["NotFound.not_found.RateLimited"];
            429: components["responses"]["TooManyRequests.rate_limit_exceeded.RateLimited"];
            500: components["responses"]["InternalServerError.internal_error"];
            503: components["responses"]["ServiceUnavailable.service_unavailable"];
        };
    };
    updateWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateWebhookDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDto"];
                };
            };
            400: components["responses"]["BadRequest.validation_failed.RateLimited"];
            401: components["responses"]["Unauthorized.api_key_expired.api_key_revoked.invalid_api_key.unauthorized"];
            403: components["responses"]["Forbidden.csrf_invalid.forbidden.insufficient_scope.plan_upgrade_required.webhooks.publishable_key_not_allowed.RateLimited"];
            404: components["responses"]["NotFound.not_found.RateLimited"];
            413: components["responses"]["PayloadTooLarge.payload_too_large.RateLimited"];
            415: components["responses"]["UnsupportedMediaType.unsupported_media_type.RateLimited"];
            429: components["responses"]["TooManyRequests.rate_limit_exceeded.RateLimited"];
            500: components["responses"]["InternalServerError.internal_error"];
            503: components["responses"]["ServiceUnavailable.service_unavailable"];
        };
    };
    listWebhookDeliveries: {
        parameters: {
            query?: {
                /** @description Items per page, 1–100. */
                limit?: number;
                /** @description `nextCursor` of the previous page. */
                cursor?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDeliveryPageDto"];
                };
            };
            400: components["responses"]["BadRequest.validation_failed.RateLimited"];
            401: components["responses"]["Unauthorized.api_key_expired.api_key_revoked.invalid_api_key.unauthorized"];
            403: components["responses"]["Forbidden.forbidden.insufficient_scope.plan_upgrade_required.webhooks.publishable_key_not_allowed.RateLimited"];
            404: components["responses"]["NotFound.not_found.RateLimited"];
            429: components["responses"]["TooManyRequests.rate_limit_exceeded.RateLimited"];
            500: components["responses"]["InternalServerError.internal_error"];
            503: components["responses"]["ServiceUnavailable.service_unavailable"];
        };
    };
    replayWebhookDelivery: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                deliveryId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            202: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDeliveryDto"];
                };
            };
            400: components["responses"]["BadRequest.validation_failed.RateLimited"];
            401: components["responses"]["Unauthorized.api_key_expired.api_key_revoked.invalid_api_key.unauthorized"];
            403: components["responses"]["Forbidden.csrf_invalid.forbidden.insufficient_scope.plan_upgrade_required.webhooks.publishable_key_not_allowed.RateLimited"];
            404: components["responses"]["NotFound.not_found.RateLimited"];
            429: components["responses"]["TooManyRequests.rate_limit_exceeded.RateLimited"];
            500: components["responses"]["InternalServerError.internal_error"];
            503: components["responses"]["ServiceUnavailable.service_unavailable"];
        };
    };
    rotateWebhookSecret: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RotateWebhookSecretDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedWebhookDto"];
                };
            };
            400: components["responses"]["BadRequest.validation_failed.RateLimited"];
            401: components["responses"]["Unauthorized.api_key_expired.api_key_revoked.invalid_api_key.unauthorized"];
            403: components["responses"]["Forbidden.csrf_invalid.forbidden.insufficient_scope.plan_upgrade_required.webhooks.publishable_key_not_allowed.RateLimited"];
            404: components["responses"]["NotFound.not_found.RateLimited"];
            413: components["responses"]["PayloadTooLarge.payload_too_large.RateLimited"];
            415: components["responses"]["UnsupportedMediaType.unsupported_media_type.RateLimited"];
            429: components["responses"]["TooManyRequests.rate_limit_exceeded.RateLimited"];
            500: components["responses"]["InternalServerError.internal_error"];
            503: components["responses"]["ServiceUnavailable.service_unavailable"];
        };
    };
    testWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            202: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDeliveryDto"];
                };
            };
            400: components["responses"]["BadRequest.validation_failed.RateLimited"];
            401: components["responses"]["Unauthorized.api_key_expired.api_key_revoked.invalid_api_key.unauthorized"];
            403: components["responses"]["Forbidden.csrf_invalid.forbidden.insufficient_scope.plan_upgrade_required.webhooks.publishable_key_not_allowed.RateLimited"];
            404: components["responses"]["NotFound.not_found.RateLimited"];
            429: components["responses"]["TooManyRequests.rate_limit_exceeded.RateLimited"];
            500: components["responses"]["InternalServerError.internal_error"];
            503: components["responses"]["ServiceUnavailable.service_unavailable"];
        };
    };
    listWorkspaces: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest.validation_failed.RateLimited"];
            401: components["responses"]["Unauthorized.api_key_expired.api_key_revoked.invalid_api_key.unauthorized"];
            403: components["responses"]["Forbidden.forbidden.session_required.RateLimited"];
            429: components["responses"]["TooManyRequests.rate_limit_exceeded.RateLimited"];
            500: components["responses"]["InternalServerError.internal_error"];
            503: components["responses"]["ServiceUnavailable.service_unavailable"];
        };
    };
    createWorkspace: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateWorkspaceDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WorkspaceDto"];
                };
            };
            400: components["responses"]["BadRequest.validation_failed.RateLimited"];
            401: components["responses"]["Unauthorized.api_key_expired.api_key_revoked.invalid_api_key.unauthorized"];
            403: components["responses"]["Forbidden.csrf_invalid.forbidden.session_required.RateLimited"];
            413: components["responses"]["PayloadTooLarge.payload_too_large.RateLimited"];
            415: components["responses"]["UnsupportedMediaType.unsupported_media_type.RateLimited"];
            429: components["responses"]["TooManyRequests.rate_limit_exceeded.RateLimited"];
            500: components["responses"]["InternalServerError.internal_error"];
            503: components["responses"]["ServiceUnavailable.service_unavailable"];
        };
    };
    updateWorkspace: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateWorkspaceDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WorkspaceDto"];
                };
            };
            400: components["responses"]["BadRequest.validation_failed.RateLimited"];
            401: components["responses"]["Unauthorized.api_key_expired.api_key_revoked.invalid_api_key.unauthorized"];
            403: components["responses"]["Forbidden.csrf_invalid.forbidden.session_required.RateLimited"];
            404: components["responses"]["NotFound.not_found.RateLimited"];
            413: components["responses"]["PayloadTooLarge.payload_too_large.RateLimited"];
            415: components["responses"]["UnsupportedMediaType.unsupported_media_type.RateLimited"];
            429: components["responses"]["TooManyRequests.rate_limit_exceeded.RateLimited"];
            500: components["responses"]["InternalServerError.internal_error"];
            503: components["responses"]["ServiceUnavailable.service_unavailable"];
        };
    };
    listInvitations: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InvitationListDto"];
                };
            };
            400: components["responses"]["BadRequest.validation_failed.RateLimited"];
            401: components["responses"]["Unauthorized.api_key_expired.api_key_revoked.invalid_api_key.unauthorized"];
            403: components["responses"]["Forbidden.forbidden.session_required.RateLimited"];
            404: components["responses"]["NotFound.not_found.RateLimited"];
            429: components["responses"]["TooManyRequests.rate_limit_exceeded.RateLimited"];
            500: components["responses"]["InternalServerError.internal_error"];
            503: components["responses"]["ServiceUnavailable.service_unavailable"];
        };
    };
    createInvitation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateInvitationDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedInvitationDto"];
                };
            };
            400: components["responses"]["BadRequest.validation_failed.RateLimited"];
            401: components["responses"]["Unauthorized.api_key_expired.api_key_revoked.invalid_api_key.unauthorized"];
            403: components["responses"]["Forbidden.csrf_invalid.forbidden.session_required.RateLimited"];
            404: components["responses"]["NotFound.not_found.RateLimited"];
            409: components["responses"]["Conflict.conflict.RateLimited"];
            413: components["responses"]["PayloadTooLarge.payload_too_large.RateLimited"];
            415: components["responses"]["UnsupportedMediaType.unsupported_media_type.RateLimited"];
            429: components["responses"]["TooManyRequests.rate_limit_exceeded.RateLimited"];
            500: components["responses"]["InternalServerError.internal_error"];
            503: components["responses"]["ServiceUnavailable.service_unavailable"];
        };
    };
    revokeInvitation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                invitationId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest.validation_failed.RateLimited"];
            401: components["responses"]["Unauthorized.api_key_expired.api_key_revoked.invalid_api_key.unauthorized"];
            403: components["responses"]["Forbidden.csrf_invalid.forbidden.session_required.RateLimited"];
            404: components["responses"]["NotFound.not_found.RateLimited"];
            429: components["responses"]["TooManyRequests.rate_limit_exceeded.RateLimited"];
            500: components["responses"]["InternalServerError.internal_error"];
            503: components["responses"]["ServiceUnavailable.service_unavailable"];
        };
    };
    listMembers: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MemberListDto"];
                };
            };
            400: components["responses"]["BadRequest.validation_failed.RateLimited"];
            401: components["responses"]["Unauthorized.api_key_expired.api_key_revoked.invalid_api_key.unauthorized"];
            403: components["responses"]["Forbidden.forbidden.session_required.RateLimited"];
            404: components["responses"]["NotFound.not_found.RateLimited"];
            429: components["responses"]["TooManyRequests.rate_limit_exceeded.RateLimited"];
            500: components["responses"]["InternalServerError.internal_error"];
            503: components["responses"]["ServiceUnavailable.service_unavailable"];
        };
    };
    removeMember: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                userId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest.validation_failed.RateLimited"];
            401: components["responses"]["Unauthorized.api_key_expired.api_key_revoked.invalid_api_key.unauthorized"];
            403: components["responses"]["Forbidden.csrf_invalid.forbidden.session_required.RateLimited"];
            404: components["responses"]["NotFound.not_found.RateLimited"];
            409: components["responses"]["Conflict.conflict.RateLimited"];
            429: components["responses"]["TooManyRequests.rate_limit_exceeded.RateLimited"];
            500: components["responses"]["InternalServerError.internal_error"];
            503: components["responses"]["ServiceUnavailable.service_unavailable"];
        };
    };
    updateMember: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                userId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateMemberDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MemberListDto"];
                };
            };
            400: components["responses"]["BadRequest.validation_failed.RateLimited"];
            401: components["responses"]["Unauthorized.api_key_expired.api_key_revoked.invalid_api_key.unauthorized"];
            403: components["responses"]["Forbidden.csrf_invalid.forbidden.session_required.RateLimited"];
            404: components["responses"]["NotFound.not_found.RateLimited"];
            409: components["responses"]["Conflict.conflict.RateLimited"];
            413: components["responses"]["PayloadTooLarge.payload_too_large.RateLimited"];
            415: components["responses"]["UnsupportedMediaType.unsupported_media_type.RateLimited"];
            429: components["responses"]["TooManyRequests.rate_limit_exceeded.RateLimited"];
            500: components["responses"]["InternalServerError.internal_error"];
            503: components["responses"]["ServiceUnavailable.service_unavailable"];
        };
    };
}
