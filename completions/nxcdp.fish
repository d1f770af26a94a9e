# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_nxcdp_global_optspecs
    string join \n profile= q/quiet h/help V/version
end

function __fish_nxcdp_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_nxcdp_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_nxcdp_using_subcommand
    set -l cmd (__fish_nxcdp_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c nxcdp -n "__fish_nxcdp_needs_command" -l profile -d 'Profile in the config file [env: NXCDP_PROFILE] [default: default]' -r -f -a "(nxcdp config profiles 2>/dev/null)"
complete -c nxcdp -n "__fish_nxcdp_needs_command" -s q -l quiet -d 'Print no progress, hints or warnings'
complete -c nxcdp -n "__fish_nxcdp_needs_command" -s h -l help -d 'Print help'
complete -c nxcdp -n "__fish_nxcdp_needs_command" -s V -l version -d 'Print version'
complete -c nxcdp -n "__fish_nxcdp_needs_command" -f -a "api" -d 'Send a signed request to any NXCloud endpoint and print the answer'
complete -c nxcdp -n "__fish_nxcdp_needs_command" -f -a "sandbox" -d 'Run a local emulator of the CDP API (no account needed)'
complete -c nxcdp -n "__fish_nxcdp_needs_command" -f -a "config" -d 'Show and change the config file\'s profiles'
complete -c nxcdp -n "__fish_nxcdp_needs_command" -f -a "doctor" -d 'Check everything between this machine and the API, step by step'
complete -c nxcdp -n "__fish_nxcdp_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c nxcdp -n "__fish_nxcdp_needs_command" -f -a "man" -d 'Print the man page (roff), or write one per command into a directory'
complete -c nxcdp -n "__fish_nxcdp_needs_command" -f -a "customers" -d 'Query, get, export, import and watch customers, and list their fields'
complete -c nxcdp -n "__fish_nxcdp_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand api" -s X -l method -d 'HTTP method [default: POST with fields or --input, else GET]' -r -f -a "GET\t''
POST\t''
PUT\t''
PATCH\t''
DELETE\t''"
complete -c nxcdp -n "__fish_nxcdp_using_subcommand api" -s f -l raw-field -d 'A string field, KEY=VALUE: a key of the JSON body, or of the query string of a GET (repeatable). A VALUE that is exactly {tenant_id} or {app_key} is the configured value with its type (a number, a string), with -f and -F alike; inside a longer value, its text' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand api" -s F -l field -d 'A typed field, KEY=JSON: 2, true, null, [1,2], {"a":1}, "text" (repeatable; after the -f fields in the body)' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand api" -l input -d 'The request body, sent and signed byte for byte: a file, or - for stdin (fields then go to the query string)' -r -F
complete -c nxcdp -n "__fish_nxcdp_using_subcommand api" -l biz-type -d 'The product\'s bizType header, digits (2: the CDP; see the vendor\'s API pages for others)' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand api" -l action -d 'The product\'s action header (mt: the CDP)' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand api" -s H -l header -d 'An extra header, "Name: value" (repeatable); the signed headers are nxcdp\'s' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand api" -l sign-algorithm -d 'Hash for the request signature' -r -f -a "md5\t''
sha256\t''"
complete -c nxcdp -n "__fish_nxcdp_using_subcommand api" -l timeout -d 'Seconds to wait for each response' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand api" -l retries -d 'Retries of a request after a network error, a timeout or HTTP 5xx; waiting out a 429 or a Retry-After spends none' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand api" -l rate -d 'At most N requests per second, for all requests of the run together (your quota)' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand api" -l base-url -d 'API base URL; beats --region [env: NXCDP_BASE_URL] [default: the region\'s]' -r -f
complete -c nxcdp -n "__fish_nxcdp_using_subcommand api" -l region -d 'API region, which sets the base URL [env: NXCDP_REGION] [default: default]' -r -f -a "default\t'https://api.nxcloud.com'
hk\t'APAC, Hong Kong: https://api-hk.nxlink.ai'
americas\t'Americas: https://chl-api.nxlink.ai'
idn\t'APAC, Indonesia: https://api-idn.nxlink.ai'"
complete -c nxcdp -n "__fish_nxcdp_using_subcommand api" -l ca-cert -d 'Also trust this CA certificate (PEM), e.g. your company\'s [env: NXCDP_CA_CERT]' -r -F
complete -c nxcdp -n "__fish_nxcdp_using_subcommand api" -l access-key -d 'Access key [env: NXCDP_ACCESS_KEY]' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand api" -l access-secret -d 'Access secret; visible to other processes, prefer the environment or a file [env: NXCDP_ACCESS_SECRET]' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand api" -l access-secret-file -d 'Read the access secret from this file ("-" for stdin)' -r -F
complete -c nxcdp -n "__fish_nxcdp_using_subcommand api" -l tenant-id -d 'Tenant id [env: NXCDP_TENANT_ID]' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand api" -l app-key -d 'App key [env: NXCDP_APP_KEY]' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand api" -l profile -d 'Profile in the config file [env: NXCDP_PROFILE] [default: default]' -r -f -a "(nxcdp config profiles 2>/dev/null)"
complete -c nxcdp -n "__fish_nxcdp_using_subcommand api" -l sandbox -d 'Start the built-in sandbox in-process and point nxcdp at it (no account needed)'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand api" -s v -l verbose -d 'Print each request and response to stderr; twice adds headers and bodies'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand api" -l dry-run -d 'Print the first request (method, URL, headers with `sign`, body) instead of sending it'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand api" -l curl -d 'Print the first request as a curl command line instead of sending it'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand api" -s q -l quiet -d 'Print no progress, hints or warnings'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand api" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand sandbox" -l port -d 'Port to listen on, on 127.0.0.1; 0 picks a free one' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand sandbox" -l customers -d 'How many customers to generate (at most 10 000 000), each made when a page asks for it: any number starts at once and takes no memory' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand sandbox" -l seed -d 'Seed for the generated data: the same seed gives the same customers' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand sandbox" -l as-of -d 'Generate the customers as of this RFC 3339 time (created in the two years before it) instead of as of the start: sandboxes with the same seed and --as-of serve the very same data, created_at included' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand sandbox" -l access-key -d 'Access key the sandbox accepts' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand sandbox" -l access-secret -d 'Access secret the sandbox verifies signatures with (not a real secret)' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand sandbox" -l tenant-id -d 'Tenant id the sandbox serves' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand sandbox" -l app-key -d 'App key the sandbox serves' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand sandbox" -l latency-ms -d 'Delay every response by this many milliseconds, to study paging over a slow network (at most 600000: ten minutes)' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand sandbox" -l arrivals -d 'Create customers while running, RATE a second on average at random moments, with ids and created_at of the moment' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand sandbox" -l arrival-burst -d 'Now and then (every 1 to 5 s, drawn from --seed) create N customers at once, in one millisecond with consecutive ids, as a bulk import does (source_type 2)' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand sandbox" -l late -d 'Make this share (0 to 1) of new customers (arrivals and batch_create) visible to queries only 1 to 4 s after they were created, while customers with larger ids already are' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand sandbox" -l refuse-names -d 'Refuse with 1002 any batch_create batch that holds a customer whose full_name contains TEXT: a rule only the server knows' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand sandbox" -l log -d 'Write one JSON line per customer created (arrivals and batch_create) to FILE, created anew: id, created_at, created_ms, visible_ms, late, by. Each line is written before its customer is visible' -r -F
complete -c nxcdp -n "__fish_nxcdp_using_subcommand sandbox" -l shape -d 'Where the customers\' creation times fall: even (spread over the two years), burst (90% in one bulk import of an hour, two thirds of the way), bursts (90% in three bulk imports of an hour, at a quarter, half and three quarters of the way), growth (each month 19% more than the month before: the last year holds 89%), tail (90% in the last month). Imported customers have source_type 2 (excel import)' -r -f -a "even\t''
burst\t''
bursts\t''
growth\t''
tail\t''"
complete -c nxcdp -n "__fish_nxcdp_using_subcommand sandbox" -l burst -d 'Create this share of the customers (0 to 1) within one hour, as a bulk import two thirds of the way through the two years; the rest trickle in over the two years. Imported customers have source_type 2 (excel import)' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand sandbox" -l time-jitter -d 'Move each customer\'s created_at off its id\'s time by a random amount of up to SECS, either way (drawn from --seed), so that created_at no longer sorts like id' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand sandbox" -l fail-first -d 'Answer the first N requests with --fail-status' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand sandbox" -l fail-rate -d 'Answer this share of requests (0 to 1, drawn from --seed) with --fail-status' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand sandbox" -l fail-status -d 'HTTP status of injected failures (100 to 599)' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand sandbox" -l retry-after -d 'Send `Retry-After: SECS` with injected failures' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand sandbox" -l rate-limit -d 'Allow at most N requests a second, shared by all connections (a token bucket of N refilled at N a second); beyond it answer HTTP 429 with `Retry-After` (whole seconds until a token is free, at least 1) and a JSON body with code 429, before reading the request (a throttled request does not count for --fail-first, --stall-first or --garbage-after)' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand sandbox" -l redirect-to -d 'Answer every request to the API (query and fields) with `307 Temporary Redirect` and an empty body. `Location` is URL with the request\'s path and query appended when URL has no path (nothing or `/` after the host), else URL as given' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand sandbox" -l drop-rate -d 'Drop this share of connections in the middle of the response (0 to 1)' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand sandbox" -l stall-first -d 'Hold the first N requests for --stall-ms before answering (to cause client timeouts)' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand sandbox" -l stall-ms -d 'How long a stalled request is held (at most 600000: ten minutes)' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand sandbox" -l clock-skew-secs -d 'Set the sandbox\'s clock off by this many seconds (its `ts` check and `Date` header), at most ten years either way' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand sandbox" -l garbage -d 'Answer queries with this kind of garbage, after the first --garbage-after requests' -r -f -a "html\t'A proxy\'s HTML page, HTTP 200'
text\t'Plain text'
truncated\t'The JSON answer cut in half'
shape\t'Valid JSON of the wrong shape'
huge\t'An answer of 17 MiB'
escape-message\t'Code 1002 (HTTP 200) whose message holds terminal escapes, forged lines, U+202E and U+2028, then 2 MiB of padding; its traceId is an OSC 52 clipboard write'
deep\t'The normal page, its first customer with a field of 100 000 nested arrays'
non-objects\t'The normal page, its customer_list the first customer then `1, "str", null, []`'
huge-number\t'The normal page, every customer\'s weight 18446744073709551617 (2^64 + 1)'"
complete -c nxcdp -n "__fish_nxcdp_using_subcommand sandbox" -l garbage-after -d 'Requests answered normally before --garbage starts' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand sandbox" -l overfill -d 'Send N customers more than a query asks for, with the cursor after the last one sent' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand sandbox" -l tls-cert -d 'Serve HTTPS with this certificate chain (PEM, the leaf first) instead of a generated one' -r -F
complete -c nxcdp -n "__fish_nxcdp_using_subcommand sandbox" -l tls-key -d 'The private key (PEM) of --tls-cert' -r -F
complete -c nxcdp -n "__fish_nxcdp_using_subcommand sandbox" -l profile -d 'Profile in the config file [env: NXCDP_PROFILE] [default: default]' -r -f -a "(nxcdp config profiles 2>/dev/null)"
complete -c nxcdp -n "__fish_nxcdp_using_subcommand sandbox" -l retry-after-date -d 'Send every `Retry-After` (of --retry-after and of --rate-limit) as an HTTP date that many seconds ahead, e.g. `Sun, 06 Nov 1994 08:49:37 GMT`, instead of a number of seconds'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand sandbox" -l repeat-cursor -d 'Send, from the second page on, a `paging.next` equal to the cursor just used'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand sandbox" -l empty-next -d 'Send, from the second page on, an empty page that claims a next one'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand sandbox" -l wrong-way-cursor -d 'Send, from the second page on, a `paging.next` one above the `after` just used: a cursor that goes the wrong way (newer) and never repeats'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand sandbox" -l repeat-customers -d 'Start every page after the first with the last customer of the page before (a repeat)'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand sandbox" -l tls -d 'Serve HTTPS, with a certificate for 127.0.0.1 and localhost from a CA made at start; prints the CA\'s path as NXCDP_CA_CERT'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand sandbox" -s q -l quiet -d 'Print no progress, hints or warnings'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand sandbox" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand config; and not __fish_seen_subcommand_from path list get set profiles init help" -l profile -d 'Profile in the config file [env: NXCDP_PROFILE] [default: default]' -r -f -a "(nxcdp config profiles 2>/dev/null)"
complete -c nxcdp -n "__fish_nxcdp_using_subcommand config; and not __fish_seen_subcommand_from path list get set profiles init help" -s q -l quiet -d 'Print no progress, hints or warnings'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand config; and not __fish_seen_subcommand_from path list get set profiles init help" -s h -l help -d 'Print help'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand config; and not __fish_seen_subcommand_from path list get set profiles init help" -f -a "path" -d 'Print the config file\'s path'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand config; and not __fish_seen_subcommand_from path list get set profiles init help" -f -a "list" -d 'Print the profile\'s values (the secret masked) and the base URL in use'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand config; and not __fish_seen_subcommand_from path list get set profiles init help" -f -a "get" -d 'Print one value of the profile (base_url: the region\'s when a region is set)'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand config; and not __fish_seen_subcommand_from path list get set profiles init help" -f -a "set" -d 'Set one value of the profile, creating the file (mode 0600) if needed'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand config; and not __fish_seen_subcommand_from path list get set profiles init help" -f -a "profiles" -d 'List the profiles in the file'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand config; and not __fish_seen_subcommand_from path list get set profiles init help" -f -a "init" -d 'Ask for the region and the credentials, checking each answer (piped: one line each)'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand config; and not __fish_seen_subcommand_from path list get set profiles init help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand config; and __fish_seen_subcommand_from path" -l profile -d 'Profile in the config file [env: NXCDP_PROFILE] [default: default]' -r -f -a "(nxcdp config profiles 2>/dev/null)"
complete -c nxcdp -n "__fish_nxcdp_using_subcommand config; and __fish_seen_subcommand_from path" -s q -l quiet -d 'Print no progress, hints or warnings'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand config; and __fish_seen_subcommand_from path" -s h -l help -d 'Print help'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand config; and __fish_seen_subcommand_from list" -l profile -d 'Profile in the config file [env: NXCDP_PROFILE] [default: default]' -r -f -a "(nxcdp config profiles 2>/dev/null)"
complete -c nxcdp -n "__fish_nxcdp_using_subcommand config; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print no progress, hints or warnings'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand config; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand config; and __fish_seen_subcommand_from get" -l profile -d 'Profile in the config file [env: NXCDP_PROFILE] [default: default]' -r -f -a "(nxcdp config profiles 2>/dev/null)"
complete -c nxcdp -n "__fish_nxcdp_using_subcommand config; and __fish_seen_subcommand_from get" -s q -l quiet -d 'Print no progress, hints or warnings'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand config; and __fish_seen_subcommand_from get" -s h -l help -d 'Print help'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand config; and __fish_seen_subcommand_from set" -l profile -d 'Profile in the config file [env: NXCDP_PROFILE] [default: default]' -r -f -a "(nxcdp config profiles 2>/dev/null)"
complete -c nxcdp -n "__fish_nxcdp_using_subcommand config; and __fish_seen_subcommand_from set" -s q -l quiet -d 'Print no progress, hints or warnings'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand config; and __fish_seen_subcommand_from set" -s h -l help -d 'Print help'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand config; and __fish_seen_subcommand_from profiles" -l profile -d 'Profile in the config file [env: NXCDP_PROFILE] [default: default]' -r -f -a "(nxcdp config profiles 2>/dev/null)"
complete -c nxcdp -n "__fish_nxcdp_using_subcommand config; and __fish_seen_subcommand_from profiles" -s q -l quiet -d 'Print no progress, hints or warnings'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand config; and __fish_seen_subcommand_from profiles" -s h -l help -d 'Print help'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand config; and __fish_seen_subcommand_from init" -l profile -d 'Profile in the config file [env: NXCDP_PROFILE] [default: default]' -r -f -a "(nxcdp config profiles 2>/dev/null)"
complete -c nxcdp -n "__fish_nxcdp_using_subcommand config; and __fish_seen_subcommand_from init" -s q -l quiet -d 'Print no progress, hints or warnings'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand config; and __fish_seen_subcommand_from init" -s h -l help -d 'Print help'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "path" -d 'Print the config file\'s path'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "list" -d 'Print the profile\'s values (the secret masked) and the base URL in use'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "get" -d 'Print one value of the profile (base_url: the region\'s when a region is set)'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "set" -d 'Set one value of the profile, creating the file (mode 0600) if needed'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "profiles" -d 'List the profiles in the file'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "init" -d 'Ask for the region and the credentials, checking each answer (piped: one line each)'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand doctor" -l sign-algorithm -d 'Hash for the request signature' -r -f -a "md5\t''
sha256\t''"
complete -c nxcdp -n "__fish_nxcdp_using_subcommand doctor" -l timeout -d 'Seconds to wait for each response' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand doctor" -l retries -d 'Retries of a request after a network error, a timeout or HTTP 5xx; waiting out a 429 or a Retry-After spends none' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand doctor" -l rate -d 'At most N requests per second, for all requests of the run together (your quota)' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand doctor" -l base-url -d 'API base URL; beats --region [env: NXCDP_BASE_URL] [default: the region\'s]' -r -f
complete -c nxcdp -n "__fish_nxcdp_using_subcommand doctor" -l region -d 'API region, which sets the base URL [env: NXCDP_REGION] [default: default]' -r -f -a "default\t'https://api.nxcloud.com'
hk\t'APAC, Hong Kong: https://api-hk.nxlink.ai'
americas\t'Americas: https://chl-api.nxlink.ai'
idn\t'APAC, Indonesia: https://api-idn.nxlink.ai'"
complete -c nxcdp -n "__fish_nxcdp_using_subcommand doctor" -l ca-cert -d 'Also trust this CA certificate (PEM), e.g. your company\'s [env: NXCDP_CA_CERT]' -r -F
complete -c nxcdp -n "__fish_nxcdp_using_subcommand doctor" -l access-key -d 'Access key [env: NXCDP_ACCESS_KEY]' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand doctor" -l access-secret -d 'Access secret; visible to other processes, prefer the environment or a file [env: NXCDP_ACCESS_SECRET]' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand doctor" -l access-secret-file -d 'Read the access secret from this file ("-" for stdin)' -r -F
complete -c nxcdp -n "__fish_nxcdp_using_subcommand doctor" -l tenant-id -d 'Tenant id [env: NXCDP_TENANT_ID]' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand doctor" -l app-key -d 'App key [env: NXCDP_APP_KEY]' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand doctor" -l profile -d 'Profile in the config file [env: NXCDP_PROFILE] [default: default]' -r -f -a "(nxcdp config profiles 2>/dev/null)"
complete -c nxcdp -n "__fish_nxcdp_using_subcommand doctor" -l sandbox -d 'Start the built-in sandbox in-process and point nxcdp at it (no account needed)'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand doctor" -s v -l verbose -d 'Print each request and response to stderr; twice adds headers and bodies'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand doctor" -l dry-run -d 'Print the first request (method, URL, headers with `sign`, body) instead of sending it'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand doctor" -l curl -d 'Print the first request as a curl command line instead of sending it'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand doctor" -s q -l quiet -d 'Print no progress, hints or warnings'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand doctor" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand completions" -l profile -d 'Profile in the config file [env: NXCDP_PROFILE] [default: default]' -r -f -a "(nxcdp config profiles 2>/dev/null)"
complete -c nxcdp -n "__fish_nxcdp_using_subcommand completions" -s q -l quiet -d 'Print no progress, hints or warnings'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand completions" -s h -l help -d 'Print help'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand man" -l out-dir -d 'Write one page per command into this directory (nxcdp.1, nxcdp-customers-query.1, ...) instead of printing nxcdp.1' -r -f -a "(__fish_complete_directories)"
complete -c nxcdp -n "__fish_nxcdp_using_subcommand man" -l profile -d 'Profile in the config file [env: NXCDP_PROFILE] [default: default]' -r -f -a "(nxcdp config profiles 2>/dev/null)"
complete -c nxcdp -n "__fish_nxcdp_using_subcommand man" -s q -l quiet -d 'Print no progress, hints or warnings'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand man" -s h -l help -d 'Print help'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and not __fish_seen_subcommand_from query get export import watch fields help" -l sign-algorithm -d 'Hash for the request signature' -r -f -a "md5\t''
sha256\t''"
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and not __fish_seen_subcommand_from query get export import watch fields help" -l timeout -d 'Seconds to wait for each response' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and not __fish_seen_subcommand_from query get export import watch fields help" -l retries -d 'Retries of a request after a network error, a timeout or HTTP 5xx; waiting out a 429 or a Retry-After spends none' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and not __fish_seen_subcommand_from query get export import watch fields help" -l rate -d 'At most N requests per second, for all requests of the run together (your quota)' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and not __fish_seen_subcommand_from query get export import watch fields help" -l base-url -d 'API base URL; beats --region [env: NXCDP_BASE_URL] [default: the region\'s]' -r -f
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and not __fish_seen_subcommand_from query get export import watch fields help" -l region -d 'API region, which sets the base URL [env: NXCDP_REGION] [default: default]' -r -f -a "default\t'https://api.nxcloud.com'
hk\t'APAC, Hong Kong: https://api-hk.nxlink.ai'
americas\t'Americas: https://chl-api.nxlink.ai'
idn\t'APAC, Indonesia: https://api-idn.nxlink.ai'"
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and not __fish_seen_subcommand_from query get export import watch fields help" -l ca-cert -d 'Also trust this CA certificate (PEM), e.g. your company\'s [env: NXCDP_CA_CERT]' -r -F
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and not __fish_seen_subcommand_from query get export import watch fields help" -l access-key -d 'Access key [env: NXCDP_ACCESS_KEY]' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and not __fish_seen_subcommand_from query get export import watch fields help" -l access-secret -d 'Access secret; visible to other processes, prefer the environment or a file [env: NXCDP_ACCESS_SECRET]' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and not __fish_seen_subcommand_from query get export import watch fields help" -l access-secret-file -d 'Read the access secret from this file ("-" for stdin)' -r -F
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and not __fish_seen_subcommand_from query get export import watch fields help" -l tenant-id -d 'Tenant id [env: NXCDP_TENANT_ID]' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and not __fish_seen_subcommand_from query get export import watch fields help" -l app-key -d 'App key [env: NXCDP_APP_KEY]' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and not __fish_seen_subcommand_from query get export import watch fields help" -l profile -d 'Profile in the config file [env: NXCDP_PROFILE] [default: default]' -r -f -a "(nxcdp config profiles 2>/dev/null)"
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and not __fish_seen_subcommand_from query get export import watch fields help" -l sandbox -d 'Start the built-in sandbox in-process and point nxcdp at it (no account needed)'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and not __fish_seen_subcommand_from query get export import watch fields help" -s v -l verbose -d 'Print each request and response to stderr; twice adds headers and bodies'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and not __fish_seen_subcommand_from query get export import watch fields help" -l dry-run -d 'Print the first request (method, URL, headers with `sign`, body) instead of sending it'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and not __fish_seen_subcommand_from query get export import watch fields help" -l curl -d 'Print the first request as a curl command line instead of sending it'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and not __fish_seen_subcommand_from query get export import watch fields help" -s q -l quiet -d 'Print no progress, hints or warnings'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and not __fish_seen_subcommand_from query get export import watch fields help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and not __fish_seen_subcommand_from query get export import watch fields help" -f -a "query" -d 'Query customers by filters, walking every page needed'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and not __fish_seen_subcommand_from query get export import watch fields help" -f -a "get" -d 'Print the customers with these ids'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and not __fish_seen_subcommand_from query get export import watch fields help" -f -a "export" -d 'Export customers to a file that appears only when complete; resumable'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and not __fish_seen_subcommand_from query get export import watch fields help" -f -a "import" -d 'Create customers from CSV, JSON lines, JSON or a workbook; every row accepted or rejected; resumable'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and not __fish_seen_subcommand_from query get export import watch fields help" -f -a "watch" -d 'Print new customers as they arrive, each once; --once --bookmark for cron jobs'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and not __fish_seen_subcommand_from query get export import watch fields help" -f -a "fields" -d 'List the tenant\'s customer fields, custom fields included'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and not __fish_seen_subcommand_from query get export import watch fields help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from query" -l start-time -d 'Created at or after: YYYY-MM-DD HH:MM:SS, YYYY-MM-DD or RFC 3339' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from query" -l end-time -d 'Created before: YYYY-MM-DD HH:MM:SS, YYYY-MM-DD or RFC 3339' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from query" -l since -d 'Created within this long before now: 30m, 12h, 7d, 2w, 1y' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from query" -l tag -d 'Has this tag, by name (repeatable)' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from query" -l tag-id -d 'Has this tag, by id (repeatable)' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from query" -l his-tag -d 'Ever had this tag, by name (repeatable)' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from query" -l his-tag-id -d 'Ever had this tag, by id (repeatable)' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from query" -l tags-logic -d 'How several tags combine [default: the server\'s]' -r -f -a "and\t''
or\t''"
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from query" -l source-type -d 'Where the customer came from: 0 to 15, or one of these names' -r -f -a "unknown\t'0: unknown'
created\t'1: created'
excel-import\t'2: Excel import'
customer-initiated\t'3: customer initiated'
sms-bulk\t'4: SMS bulk send'
voice-bulk\t'5: voice bulk send'
third-party-api\t'6: third-party API'
callbot\t'7: callbot'
call-center\t'8: customer initiated (call center)'
email-channel\t'9: email channel'
form\t'10: form'
customer-initiated-11\t'11: customer initiated'
viber\t'12: customer initiated (Viber)'
messenger\t'13: customer initiated (Messenger)'
instagram\t'14: customer initiated (Instagram)'
line\t'15: customer initiated (Line)'"
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from query" -l name -d 'Name contains this text' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from query" -l source-channel-key -d 'Source channel key' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from query" -l sms-phone -d 'SMS phone: digits with country code, e.g. 8618593272678' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from query" -l whatsapp-phone -d 'WhatsApp phone: digits with country code' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from query" -l email -d 'Email address' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from query" -l viber-phone -d 'Viber phone: digits with country code' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from query" -l limit -d 'How many customers to print in all' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from query" -l page-size -d 'Customers per request, 1 to 50' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from query" -l after -d 'Start after this customer id (older customers; continues a listing)' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from query" -l before -d 'Walk backwards: customers newer than this id, page by page' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from query" -l parallel -d 'Walk N cursors at once over windows of ids (every customer once; order given up)' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from query" -s o -l output -d 'Output format [default: table, or jsonl with --jq]' -r -f -a "table\t'A table fitted to the terminal (the columns that fit, by importance), tab-separated text when stdout is not a terminal'
wide\t'The table with none of its columns left out and every cell whole, lines as long as they need; piped, as table'
csv\t'RFC 4180 CSV with every documented field'
xlsx\t'An Excel workbook: ids and phones as text, times as dates, numbers as numbers (to a file or a pipe, never a terminal)'
parquet\t'Apache Parquet: typed columns (ids exact, times as timestamps, tags as a list) for DuckDB, Polars, pandas or Spark (to a file or a pipe, never a terminal)'
json\t'One JSON array'
jsonl\t'One JSON object per line'"
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from query" -l jq -d 'Filter each item with a jq expression (embedded; ids stay exact); with -o json, the array' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from query" -l columns -d 'Columns of table and csv, keys of json and jsonl, in this order: id,full_name,email,...' -r -f -a "id\t''
first_name\t''
last_name\t''
full_name\t''
sms_phone\t''
whatsApp_phone\t''
viber_phone\t''
line\t''
messenger\t''
instagram\t''
email\t''
country\t''
birthday\t''
remark\t''
source_type\t''
source_channel_key\t''
gender\t''
created_at\t''
updated_at\t''
status\t''
tags\t''
whatApp_subscribe\t''
sms_subscribe\t''
customize_field\t''
tenant_id\t''
weight\t''"
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from query" -l field-labels -d 'Head custom-field columns with their English or Chinese label, or their key [default: zh when the locale is Chinese, else en]' -r -f -a "en\t'display_en_name'
zh\t'display_name'
key\t'the field\'s key (customize_...)'"
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from query" -l sign-algorithm -d 'Hash for the request signature' -r -f -a "md5\t''
sha256\t''"
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from query" -l timeout -d 'Seconds to wait for each response' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from query" -l retries -d 'Retries of a request after a network error, a timeout or HTTP 5xx; waiting out a 429 or a Retry-After spends none' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from query" -l rate -d 'At most N requests per second, for all requests of the run together (your quota)' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from query" -l base-url -d 'API base URL; beats --region [env: NXCDP_BASE_URL] [default: the region\'s]' -r -f
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from query" -l region -d 'API region, which sets the base URL [env: NXCDP_REGION] [default: default]' -r -f -a "default\t'https://api.nxcloud.com'
hk\t'APAC, Hong Kong: https://api-hk.nxlink.ai'
americas\t'Americas: https://chl-api.nxlink.ai'
idn\t'APAC, Indonesia: https://api-idn.nxlink.ai'"
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from query" -l ca-cert -d 'Also trust this CA certificate (PEM), e.g. your company\'s [env: NXCDP_CA_CERT]' -r -F
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from query" -l access-key -d 'Access key [env: NXCDP_ACCESS_KEY]' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from query" -l access-secret -d 'Access secret; visible to other processes, prefer the environment or a file [env: NXCDP_ACCESS_SECRET]' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from query" -l access-secret-file -d 'Read the access secret from this file ("-" for stdin)' -r -F
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from query" -l tenant-id -d 'Tenant id [env: NXCDP_TENANT_ID]' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from query" -l app-key -d 'App key [env: NXCDP_APP_KEY]' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from query" -l profile -d 'Profile in the config file [env: NXCDP_PROFILE] [default: default]' -r -f -a "(nxcdp config profiles 2>/dev/null)"
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from query" -l all -d 'Walk every page to the end'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from query" -l sorted -d 'With --parallel, print newest first as without it (later windows wait in memory)'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from query" -l raw-custom-fields -d 'Keep customize_field as the API\'s JSON string in table and csv'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from query" -l ids-as-strings -d 'Write 64-bit ids as JSON strings (for jq 1.6, JavaScript, spreadsheets)'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from query" -l csv-safe -d 'In csv, neutralize cells a spreadsheet would run as formulas (=, +, -, @, tab, CR)'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from query" -l bom -d 'In csv, start with the UTF-8 byte order mark, which Excel needs to show CJK text'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from query" -l sandbox -d 'Start the built-in sandbox in-process and point nxcdp at it (no account needed)'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from query" -s v -l verbose -d 'Print each request and response to stderr; twice adds headers and bodies'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from query" -l dry-run -d 'Print the first request (method, URL, headers with `sign`, body) instead of sending it'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from query" -l curl -d 'Print the first request as a curl command line instead of sending it'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from query" -s q -l quiet -d 'Print no progress, hints or warnings'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from query" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from get" -s o -l output -d 'Output format [default: table, or jsonl with --jq]' -r -f -a "table\t'A table fitted to the terminal (the columns that fit, by importance), tab-separated text when stdout is not a terminal'
wide\t'The table with none of its columns left out and every cell whole, lines as long as they need; piped, as table'
csv\t'RFC 4180 CSV with every documented field'
xlsx\t'An Excel workbook: ids and phones as text, times as dates, numbers as numbers (to a file or a pipe, never a terminal)'
parquet\t'Apache Parquet: typed columns (ids exact, times as timestamps, tags as a list) for DuckDB, Polars, pandas or Spark (to a file or a pipe, never a terminal)'
json\t'One JSON array'
jsonl\t'One JSON object per line'"
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from get" -l jq -d 'Filter each item with a jq expression (embedded; ids stay exact); with -o json, the array' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from get" -l columns -d 'Columns of table and csv, keys of json and jsonl, in this order: id,full_name,email,...' -r -f -a "id\t''
first_name\t''
last_name\t''
full_name\t''
sms_phone\t''
whatsApp_phone\t''
viber_phone\t''
line\t''
messenger\t''
instagram\t''
email\t''
country\t''
birthday\t''
remark\t''
source_type\t''
source_channel_key\t''
gender\t''
created_at\t''
updated_at\t''
status\t''
tags\t''
whatApp_subscribe\t''
sms_subscribe\t''
customize_field\t''
tenant_id\t''
weight\t''"
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from get" -l field-labels -d 'Head custom-field columns with their English or Chinese label, or their key [default: zh when the locale is Chinese, else en]' -r -f -a "en\t'display_en_name'
zh\t'display_name'
key\t'the field\'s key (customize_...)'"
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from get" -l sign-algorithm -d 'Hash for the request signature' -r -f -a "md5\t''
sha256\t''"
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from get" -l timeout -d 'Seconds to wait for each response' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from get" -l retries -d 'Retries of a request after a network error, a timeout or HTTP 5xx; waiting out a 429 or a Retry-After spends none' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from get" -l rate -d 'At most N requests per second, for all requests of the run together (your quota)' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from get" -l base-url -d 'API base URL; beats --region [env: NXCDP_BASE_URL] [default: the region\'s]' -r -f
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from get" -l region -d 'API region, which sets the base URL [env: NXCDP_REGION] [default: default]' -r -f -a "default\t'https://api.nxcloud.com'
hk\t'APAC, Hong Kong: https://api-hk.nxlink.ai'
americas\t'Americas: https://chl-api.nxlink.ai'
idn\t'APAC, Indonesia: https://api-idn.nxlink.ai'"
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from get" -l ca-cert -d 'Also trust this CA certificate (PEM), e.g. your company\'s [env: NXCDP_CA_CERT]' -r -F
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from get" -l access-key -d 'Access key [env: NXCDP_ACCESS_KEY]' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from get" -l access-secret -d 'Access secret; visible to other processes, prefer the environment or a file [env: NXCDP_ACCESS_SECRET]' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from get" -l access-secret-file -d 'Read the access secret from this file ("-" for stdin)' -r -F
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from get" -l tenant-id -d 'Tenant id [env: NXCDP_TENANT_ID]' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from get" -l app-key -d 'App key [env: NXCDP_APP_KEY]' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from get" -l profile -d 'Profile in the config file [env: NXCDP_PROFILE] [default: default]' -r -f -a "(nxcdp config profiles 2>/dev/null)"
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from get" -l raw-custom-fields -d 'Keep customize_field as the API\'s JSON string in table and csv'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from get" -l ids-as-strings -d 'Write 64-bit ids as JSON strings (for jq 1.6, JavaScript, spreadsheets)'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from get" -l csv-safe -d 'In csv, neutralize cells a spreadsheet would run as formulas (=, +, -, @, tab, CR)'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from get" -l bom -d 'In csv, start with the UTF-8 byte order mark, which Excel needs to show CJK text'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from get" -l sandbox -d 'Start the built-in sandbox in-process and point nxcdp at it (no account needed)'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from get" -s v -l verbose -d 'Print each request and response to stderr; twice adds headers and bodies'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from get" -l dry-run -d 'Print the first request (method, URL, headers with `sign`, body) instead of sending it'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from get" -l curl -d 'Print the first request as a curl command line instead of sending it'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from get" -s q -l quiet -d 'Print no progress, hints or warnings'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from get" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from export" -l file -d 'The file to write; it appears only when the last page has arrived ("-" for stdout)' -r -F
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from export" -l page-size -d 'Customers per request, 1 to 50' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from export" -l parallel -d 'Walk N cursors at once over windows of ids (every customer once; order given up)' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from export" -s o -l output -d 'File format [default: by the file\'s extension: `.jsonl` or `.ndjson` is jsonl, `.xlsx` xlsx, `.parquet` parquet, any other csv]' -r -f -a "csv\t''
jsonl\t''
xlsx\t'An Excel workbook; kept as CSV in PATH.partial while the export runs'
parquet\t'Apache Parquet, typed columns; kept as JSON lines in PATH.partial while the export runs'"
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from export" -l columns -d 'Columns of table and csv, keys of json and jsonl, in this order: id,full_name,email,...' -r -f -a "id\t''
first_name\t''
last_name\t''
full_name\t''
sms_phone\t''
whatsApp_phone\t''
viber_phone\t''
line\t''
messenger\t''
instagram\t''
email\t''
country\t''
birthday\t''
remark\t''
source_type\t''
source_channel_key\t''
gender\t''
created_at\t''
updated_at\t''
status\t''
tags\t''
whatApp_subscribe\t''
sms_subscribe\t''
customize_field\t''
tenant_id\t''
weight\t''"
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from export" -l field-labels -d 'Head custom-field columns with their English or Chinese label, or their key [default: zh when the locale is Chinese, else en]' -r -f -a "en\t'display_en_name'
zh\t'display_name'
key\t'the field\'s key (customize_...)'"
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from export" -l start-time -d 'Created at or after: YYYY-MM-DD HH:MM:SS, YYYY-MM-DD or RFC 3339' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from export" -l end-time -d 'Created before: YYYY-MM-DD HH:MM:SS, YYYY-MM-DD or RFC 3339' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from export" -l since -d 'Created within this long before now: 30m, 12h, 7d, 2w, 1y' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from export" -l tag -d 'Has this tag, by name (repeatable)' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from export" -l tag-id -d 'Has this tag, by id (repeatable)' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from export" -l his-tag -d 'Ever had this tag, by name (repeatable)' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from export" -l his-tag-id -d 'Ever had this tag, by id (repeatable)' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from export" -l tags-logic -d 'How several tags combine [default: the server\'s]' -r -f -a "and\t''
or\t''"
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from export" -l source-type -d 'Where the customer came from: 0 to 15, or one of these names' -r -f -a "unknown\t'0: unknown'
created\t'1: created'
excel-import\t'2: Excel import'
customer-initiated\t'3: customer initiated'
sms-bulk\t'4: SMS bulk send'
voice-bulk\t'5: voice bulk send'
third-party-api\t'6: third-party API'
callbot\t'7: callbot'
call-center\t'8: customer initiated (call center)'
email-channel\t'9: email channel'
form\t'10: form'
customer-initiated-11\t'11: customer initiated'
viber\t'12: customer initiated (Viber)'
messenger\t'13: customer initiated (Messenger)'
instagram\t'14: customer initiated (Instagram)'
line\t'15: customer initiated (Line)'"
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from export" -l name -d 'Name contains this text' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from export" -l source-channel-key -d 'Source channel key' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from export" -l sms-phone -d 'SMS phone: digits with country code, e.g. 8618593272678' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from export" -l whatsapp-phone -d 'WhatsApp phone: digits with country code' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from export" -l email -d 'Email address' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from export" -l viber-phone -d 'Viber phone: digits with country code' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from export" -l sign-algorithm -d 'Hash for the request signature' -r -f -a "md5\t''
sha256\t''"
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from export" -l timeout -d 'Seconds to wait for each response' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from export" -l retries -d 'Retries of a request after a network error, a timeout or HTTP 5xx; waiting out a 429 or a Retry-After spends none' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from export" -l rate -d 'At most N requests per second, for all requests of the run together (your quota)' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from export" -l base-url -d 'API base URL; beats --region [env: NXCDP_BASE_URL] [default: the region\'s]' -r -f
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from export" -l region -d 'API region, which sets the base URL [env: NXCDP_REGION] [default: default]' -r -f -a "default\t'https://api.nxcloud.com'
hk\t'APAC, Hong Kong: https://api-hk.nxlink.ai'
americas\t'Americas: https://chl-api.nxlink.ai'
idn\t'APAC, Indonesia: https://api-idn.nxlink.ai'"
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from export" -l ca-cert -d 'Also trust this CA certificate (PEM), e.g. your company\'s [env: NXCDP_CA_CERT]' -r -F
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from export" -l access-key -d 'Access key [env: NXCDP_ACCESS_KEY]' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from export" -l access-secret -d 'Access secret; visible to other processes, prefer the environment or a file [env: NXCDP_ACCESS_SECRET]' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from export" -l access-secret-file -d 'Read the access secret from this file ("-" for stdin)' -r -F
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from export" -l tenant-id -d 'Tenant id [env: NXCDP_TENANT_ID]' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from export" -l app-key -d 'App key [env: NXCDP_APP_KEY]' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from export" -l profile -d 'Profile in the config file [env: NXCDP_PROFILE] [default: default]' -r -f -a "(nxcdp config profiles 2>/dev/null)"
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from export" -l resume -d 'Continue an export that failed or was interrupted, from PATH.partial'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from export" -l sorted -d 'With --parallel, print newest first as without it (later windows wait in memory)'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from export" -l raw-custom-fields -d 'Keep customize_field as the API\'s JSON string in table and csv'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from export" -l ids-as-strings -d 'Write 64-bit ids as JSON strings (for jq 1.6, JavaScript, spreadsheets)'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from export" -l csv-safe -d 'In csv, neutralize cells a spreadsheet would run as formulas (=, +, -, @, tab, CR)'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from export" -l bom -d 'In csv, start with the UTF-8 byte order mark, which Excel needs to show CJK text'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from export" -l sandbox -d 'Start the built-in sandbox in-process and point nxcdp at it (no account needed)'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from export" -s v -l verbose -d 'Print each request and response to stderr; twice adds headers and bodies'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from export" -l dry-run -d 'Print the first request (method, URL, headers with `sign`, body) instead of sending it'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from export" -l curl -d 'Print the first request as a curl command line instead of sending it'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from export" -s q -l quiet -d 'Print no progress, hints or warnings'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from export" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from import" -l format -d 'The input\'s format [default: by the extension, else by the first character]' -r -f -a "csv\t'CSV with a header row, in any encoding and with , ; tab or | between fields'
jsonl\t'One JSON object per line'
json\t'One JSON array of objects'
workbook\t'A workbook\'s sheet: .xlsx, .xlsm, .xls or .ods'"
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from import" -l encoding -d 'The text\'s encoding (gbk, shift_jis, big5, euc-kr, windows-1252, utf-16le, ...) [default: UTF-8, or as a byte order mark says, else guessed]' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from import" -l sheet -d 'A workbook\'s sheet, by name or by number from 1 [default: the first]' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from import" -l delimiter -d 'The CSV\'s delimiter: , ; | or tab [default: the commonest of them in the header line]' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from import" -l map -d 'Your columns, as the fields they hold: \'Phone=sms_phone,Name=full_name\' (any case)' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from import" -l on-conflict -d 'What becomes of a customer that already exists (one with an equal phone, email, ...)' -r -f -a "replace\t'0: drop the old data and use the new'
merge\t'1: update or add the new fields on top of the old data'
keep\t'2: keep the old data and drop the new'"
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from import" -l rejects -d 'Write each rejected row as it was, with its line and reason, to PATH (the input\'s format; none rejected: no file, an earlier one removed when the import ends; /dev/stderr: as they come)' -r -F
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from import" -l journal -d 'Where the journal of acknowledged batches is kept [default: FILE.journal]' -r -F
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from import" -l batch-size -d 'Customers per request, 1 to 100' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from import" -l parallel -d 'Batches in flight at once; the server\'s throttling still slows them all' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from import" -l sign-algorithm -d 'Hash for the request signature' -r -f -a "md5\t''
sha256\t''"
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from import" -l timeout -d 'Seconds to wait for each response' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from import" -l retries -d 'Retries of a request after a network error, a timeout or HTTP 5xx; waiting out a 429 or a Retry-After spends none' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from import" -l rate -d 'At most N requests per second, for all requests of the run together (your quota)' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from import" -l base-url -d 'API base URL; beats --region [env: NXCDP_BASE_URL] [default: the region\'s]' -r -f
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from import" -l region -d 'API region, which sets the base URL [env: NXCDP_REGION] [default: default]' -r -f -a "default\t'https://api.nxcloud.com'
hk\t'APAC, Hong Kong: https://api-hk.nxlink.ai'
americas\t'Americas: https://chl-api.nxlink.ai'
idn\t'APAC, Indonesia: https://api-idn.nxlink.ai'"
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from import" -l ca-cert -d 'Also trust this CA certificate (PEM), e.g. your company\'s [env: NXCDP_CA_CERT]' -r -F
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from import" -l access-key -d 'Access key [env: NXCDP_ACCESS_KEY]' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from import" -l access-secret -d 'Access secret; visible to other processes, prefer the environment or a file [env: NXCDP_ACCESS_SECRET]' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from import" -l access-secret-file -d 'Read the access secret from this file ("-" for stdin)' -r -F
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from import" -l tenant-id -d 'Tenant id [env: NXCDP_TENANT_ID]' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from import" -l app-key -d 'App key [env: NXCDP_APP_KEY]' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from import" -l profile -d 'Profile in the config file [env: NXCDP_PROFILE] [default: default]' -r -f -a "(nxcdp config profiles 2>/dev/null)"
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from import" -l ignore-unknown -d 'Drop the columns nxcdp does not know, instead of refusing the file'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from import" -l normalize-phones -d 'Strip +, spaces, dashes, dots and parentheses from sms_phone, whats_app_phone and viber_phone'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from import" -l resume -d 'Continue an import that stopped (an error, Ctrl-C, kill -9) from its journal'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from import" -l sandbox -d 'Start the built-in sandbox in-process and point nxcdp at it (no account needed)'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from import" -s v -l verbose -d 'Print each request and response to stderr; twice adds headers and bodies'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from import" -l dry-run -d 'Print the first request (method, URL, headers with `sign`, body) instead of sending it'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from import" -l curl -d 'Print the first request as a curl command line instead of sending it'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from import" -s q -l quiet -d 'Print no progress, hints or warnings'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from import" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from watch" -l interval -d 'How often to ask for new customers: 500ms, 10s, 2m' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from watch" -l lookback -d 'How far back each poll looks, in the time the ids encode, for customers that became visible after newer ones' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from watch" -l bookmark -d 'Keep the watch\'s memory in FILE: the first run creates it, the next go on from it' -r -F
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from watch" -l file -d 'Append the customers to PATH instead of stdout, each exactly once (with --bookmark; "-" is stdout)' -r -F
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from watch" -l jq -d 'Filter each item with a jq expression (embedded; ids stay exact); with -o json, the array' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from watch" -l columns -d 'Columns of table and csv, keys of json and jsonl, in this order: id,full_name,email,...' -r -f -a "id\t''
first_name\t''
last_name\t''
full_name\t''
sms_phone\t''
whatsApp_phone\t''
viber_phone\t''
line\t''
messenger\t''
instagram\t''
email\t''
country\t''
birthday\t''
remark\t''
source_type\t''
source_channel_key\t''
gender\t''
created_at\t''
updated_at\t''
status\t''
tags\t''
whatApp_subscribe\t''
sms_subscribe\t''
customize_field\t''
tenant_id\t''
weight\t''"
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from watch" -l field-labels -d 'Head custom-field columns with their English or Chinese label, or their key [default: zh when the locale is Chinese, else en]' -r -f -a "en\t'display_en_name'
zh\t'display_name'
key\t'the field\'s key (customize_...)'"
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from watch" -l start-time -d 'Created at or after: YYYY-MM-DD HH:MM:SS, YYYY-MM-DD or RFC 3339' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from watch" -l end-time -d 'Created before: YYYY-MM-DD HH:MM:SS, YYYY-MM-DD or RFC 3339' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from watch" -l since -d 'Created within this long before now: 30m, 12h, 7d, 2w, 1y' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from watch" -l tag -d 'Has this tag, by name (repeatable)' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from watch" -l tag-id -d 'Has this tag, by id (repeatable)' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from watch" -l his-tag -d 'Ever had this tag, by name (repeatable)' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from watch" -l his-tag-id -d 'Ever had this tag, by id (repeatable)' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from watch" -l tags-logic -d 'How several tags combine [default: the server\'s]' -r -f -a "and\t''
or\t''"
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from watch" -l source-type -d 'Where the customer came from: 0 to 15, or one of these names' -r -f -a "unknown\t'0: unknown'
created\t'1: created'
excel-import\t'2: Excel import'
customer-initiated\t'3: customer initiated'
sms-bulk\t'4: SMS bulk send'
voice-bulk\t'5: voice bulk send'
third-party-api\t'6: third-party API'
callbot\t'7: callbot'
call-center\t'8: customer initiated (call center)'
email-channel\t'9: email channel'
form\t'10: form'
customer-initiated-11\t'11: customer initiated'
viber\t'12: customer initiated (Viber)'
messenger\t'13: customer initiated (Messenger)'
instagram\t'14: customer initiated (Instagram)'
line\t'15: customer initiated (Line)'"
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from watch" -l name -d 'Name contains this text' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from watch" -l source-channel-key -d 'Source channel key' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from watch" -l sms-phone -d 'SMS phone: digits with country code, e.g. 8618593272678' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from watch" -l whatsapp-phone -d 'WhatsApp phone: digits with country code' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from watch" -l email -d 'Email address' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from watch" -l viber-phone -d 'Viber phone: digits with country code' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from watch" -s o -l output -d 'Output format [default: table, or jsonl with --jq]' -r -f -a "table\t'A table fitted to the terminal (the columns that fit, by importance), tab-separated text when stdout is not a terminal'
wide\t'The table with none of its columns left out and every cell whole, lines as long as they need; piped, as table'
csv\t'RFC 4180 CSV with every documented field'
jsonl\t'One JSON object per line'"
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from watch" -l sign-algorithm -d 'Hash for the request signature' -r -f -a "md5\t''
sha256\t''"
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from watch" -l timeout -d 'Seconds to wait for each response' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from watch" -l retries -d 'Retries of a request after a network error, a timeout or HTTP 5xx; waiting out a 429 or a Retry-After spends none' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from watch" -l rate -d 'At most N requests per second, for all requests of the run together (your quota)' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from watch" -l base-url -d 'API base URL; beats --region [env: NXCDP_BASE_URL] [default: the region\'s]' -r -f
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from watch" -l region -d 'API region, which sets the base URL [env: NXCDP_REGION] [default: default]' -r -f -a "default\t'https://api.nxcloud.com'
hk\t'APAC, Hong Kong: https://api-hk.nxlink.ai'
americas\t'Americas: https://chl-api.nxlink.ai'
idn\t'APAC, Indonesia: https://api-idn.nxlink.ai'"
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from watch" -l ca-cert -d 'Also trust this CA certificate (PEM), e.g. your company\'s [env: NXCDP_CA_CERT]' -r -F
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from watch" -l access-key -d 'Access key [env: NXCDP_ACCESS_KEY]' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from watch" -l access-secret -d 'Access secret; visible to other processes, prefer the environment or a file [env: NXCDP_ACCESS_SECRET]' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from watch" -l access-secret-file -d 'Read the access secret from this file ("-" for stdin)' -r -F
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from watch" -l tenant-id -d 'Tenant id [env: NXCDP_TENANT_ID]' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from watch" -l app-key -d 'App key [env: NXCDP_APP_KEY]' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from watch" -l profile -d 'Profile in the config file [env: NXCDP_PROFILE] [default: default]' -r -f -a "(nxcdp config profiles 2>/dev/null)"
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from watch" -l once -d 'Poll once and exit: a cron job, with --bookmark'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from watch" -l no-header -d 'Print no header line (table and csv); without it, a header starts the output unless stdout is a file that already holds some (`>> file`, a run before)'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from watch" -l raw-custom-fields -d 'Keep customize_field as the API\'s JSON string in table and csv'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from watch" -l ids-as-strings -d 'Write 64-bit ids as JSON strings (for jq 1.6, JavaScript, spreadsheets)'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from watch" -l csv-safe -d 'In csv, neutralize cells a spreadsheet would run as formulas (=, +, -, @, tab, CR)'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from watch" -l bom -d 'In csv, start with the UTF-8 byte order mark, which Excel needs to show CJK text'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from watch" -l sandbox -d 'Start the built-in sandbox in-process and point nxcdp at it (no account needed)'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from watch" -s v -l verbose -d 'Print each request and response to stderr; twice adds headers and bodies'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from watch" -l dry-run -d 'Print the first request (method, URL, headers with `sign`, body) instead of sending it'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from watch" -l curl -d 'Print the first request as a curl command line instead of sending it'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from watch" -s q -l quiet -d 'Print no progress, hints or warnings'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from watch" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from fields" -s o -l output -d 'Output format [default: table, or jsonl with --jq]' -r -f -a "table\t'A table fitted to the terminal (the columns that fit, by importance), tab-separated text when stdout is not a terminal'
wide\t'The table with none of its columns left out and every cell whole, lines as long as they need; piped, as table'
csv\t'RFC 4180 CSV with every documented field'
xlsx\t'An Excel workbook: ids and phones as text, times as dates, numbers as numbers (to a file or a pipe, never a terminal)'
parquet\t'Apache Parquet: typed columns (ids exact, times as timestamps, tags as a list) for DuckDB, Polars, pandas or Spark (to a file or a pipe, never a terminal)'
json\t'One JSON array'
jsonl\t'One JSON object per line'"
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from fields" -l jq -d 'Filter each item with a jq expression (embedded; ids stay exact); with -o json, the array' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from fields" -l field-labels -d 'Head custom-field columns with their English or Chinese label, or their key [default: zh when the locale is Chinese, else en]' -r -f -a "en\t'display_en_name'
zh\t'display_name'
key\t'the field\'s key (customize_...)'"
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from fields" -l columns -d 'Columns of table and csv, keys of json and jsonl, in this order: id,full_name,email,...' -r -f -a "id\t''
tenantId\t''
name\t''
display_name\t''
display_en_name\t''
is_display\t''
field_type\t''
required\t''
sequence\t''
remark\t''
field_type_info\t''
is_preset\t''"
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from fields" -l sign-algorithm -d 'Hash for the request signature' -r -f -a "md5\t''
sha256\t''"
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from fields" -l timeout -d 'Seconds to wait for each response' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from fields" -l retries -d 'Retries of a request after a network error, a timeout or HTTP 5xx; waiting out a 429 or a Retry-After spends none' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from fields" -l rate -d 'At most N requests per second, for all requests of the run together (your quota)' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from fields" -l base-url -d 'API base URL; beats --region [env: NXCDP_BASE_URL] [default: the region\'s]' -r -f
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from fields" -l region -d 'API region, which sets the base URL [env: NXCDP_REGION] [default: default]' -r -f -a "default\t'https://api.nxcloud.com'
hk\t'APAC, Hong Kong: https://api-hk.nxlink.ai'
americas\t'Americas: https://chl-api.nxlink.ai'
idn\t'APAC, Indonesia: https://api-idn.nxlink.ai'"
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from fields" -l ca-cert -d 'Also trust this CA certificate (PEM), e.g. your company\'s [env: NXCDP_CA_CERT]' -r -F
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from fields" -l access-key -d 'Access key [env: NXCDP_ACCESS_KEY]' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from fields" -l access-secret -d 'Access secret; visible to other processes, prefer the environment or a file [env: NXCDP_ACCESS_SECRET]' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from fields" -l access-secret-file -d 'Read the access secret from this file ("-" for stdin)' -r -F
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from fields" -l tenant-id -d 'Tenant id [env: NXCDP_TENANT_ID]' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from fields" -l app-key -d 'App key [env: NXCDP_APP_KEY]' -r
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from fields" -l profile -d 'Profile in the config file [env: NXCDP_PROFILE] [default: default]' -r -f -a "(nxcdp config profiles 2>/dev/null)"
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from fields" -l preset -d 'Only the preset fields'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from fields" -l custom -d 'Only the custom fields'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from fields" -l raw-custom-fields -d 'Keep customize_field as the API\'s JSON string in table and csv'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from fields" -l ids-as-strings -d 'Write 64-bit ids as JSON strings (for jq 1.6, JavaScript, spreadsheets)'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from fields" -l csv-safe -d 'In csv, neutralize cells a spreadsheet would run as formulas (=, +, -, @, tab, CR)'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from fields" -l bom -d 'In csv, start with the UTF-8 byte order mark, which Excel needs to show CJK text'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from fields" -l sandbox -d 'Start the built-in sandbox in-process and point nxcdp at it (no account needed)'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from fields" -s v -l verbose -d 'Print each request and response to stderr; twice adds headers and bodies'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from fields" -l dry-run -d 'Print the first request (method, URL, headers with `sign`, body) instead of sending it'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from fields" -l curl -d 'Print the first request as a curl command line instead of sending it'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from fields" -s q -l quiet -d 'Print no progress, hints or warnings'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from fields" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from help" -f -a "query" -d 'Query customers by filters, walking every page needed'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from help" -f -a "get" -d 'Print the customers with these ids'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from help" -f -a "export" -d 'Export customers to a file that appears only when complete; resumable'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from help" -f -a "import" -d 'Create customers from CSV, JSON lines, JSON or a workbook; every row accepted or rejected; resumable'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from help" -f -a "watch" -d 'Print new customers as they arrive, each once; --once --bookmark for cron jobs'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from help" -f -a "fields" -d 'List the tenant\'s customer fields, custom fields included'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand customers; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand help; and not __fish_seen_subcommand_from api sandbox config doctor completions man customers help" -f -a "api" -d 'Send a signed request to any NXCloud endpoint and print the answer'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand help; and not __fish_seen_subcommand_from api sandbox config doctor completions man customers help" -f -a "sandbox" -d 'Run a local emulator of the CDP API (no account needed)'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand help; and not __fish_seen_subcommand_from api sandbox config doctor completions man customers help" -f -a "config" -d 'Show and change the config file\'s profiles'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand help; and not __fish_seen_subcommand_from api sandbox config doctor completions man customers help" -f -a "doctor" -d 'Check everything between this machine and the API, step by step'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand help; and not __fish_seen_subcommand_from api sandbox config doctor completions man customers help" -f -a "completions" -d 'Print a shell completion script'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand help; and not __fish_seen_subcommand_from api sandbox config doctor completions man customers help" -f -a "man" -d 'Print the man page (roff), or write one per command into a directory'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand help; and not __fish_seen_subcommand_from api sandbox config doctor completions man customers help" -f -a "customers" -d 'Query, get, export, import and watch customers, and list their fields'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand help; and not __fish_seen_subcommand_from api sandbox config doctor completions man customers help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "path" -d 'Print the config file\'s path'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "list" -d 'Print the profile\'s values (the secret masked) and the base URL in use'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "get" -d 'Print one value of the profile (base_url: the region\'s when a region is set)'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "set" -d 'Set one value of the profile, creating the file (mode 0600) if needed'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "profiles" -d 'List the profiles in the file'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "init" -d 'Ask for the region and the credentials, checking each answer (piped: one line each)'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand help; and __fish_seen_subcommand_from customers" -f -a "query" -d 'Query customers by filters, walking every page needed'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand help; and __fish_seen_subcommand_from customers" -f -a "get" -d 'Print the customers with these ids'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand help; and __fish_seen_subcommand_from customers" -f -a "export" -d 'Export customers to a file that appears only when complete; resumable'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand help; and __fish_seen_subcommand_from customers" -f -a "import" -d 'Create customers from CSV, JSON lines, JSON or a workbook; every row accepted or rejected; resumable'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand help; and __fish_seen_subcommand_from customers" -f -a "watch" -d 'Print new customers as they arrive, each once; --once --bookmark for cron jobs'
complete -c nxcdp -n "__fish_nxcdp_using_subcommand help; and __fish_seen_subcommand_from customers" -f -a "fields" -d 'List the tenant\'s customer fields, custom fields included'
