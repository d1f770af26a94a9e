_nxcdp() {
    local i cur prev opts cmd
    COMPREPLY=()
    if [[ "${BASH_VERSINFO[0]}" -ge 4 ]]; then
        cur="$2"
    else
        cur="${COMP_WORDS[COMP_CWORD]}"
    fi
    prev="$3"
    cmd=""
    opts=""

    for i in "${COMP_WORDS[@]:0:COMP_CWORD}"
    do
        case "${cmd},${i}" in
            ",$1")
                cmd="nxcdp"
                ;;
            nxcdp,api)
                cmd="nxcdp__subcmd__api"
                ;;
            nxcdp,completions)
                cmd="nxcdp__subcmd__completions"
                ;;
            nxcdp,config)
                cmd="nxcdp__subcmd__config"
                ;;
            nxcdp,customers)
                cmd="nxcdp__subcmd__customers"
                ;;
            nxcdp,doctor)
                cmd="nxcdp__subcmd__doctor"
                ;;
            nxcdp,help)
                cmd="nxcdp__subcmd__help"
                ;;
            nxcdp,man)
                cmd="nxcdp__subcmd__man"
                ;;
            nxcdp,sandbox)
                cmd="nxcdp__subcmd__sandbox"
                ;;
            nxcdp__subcmd__config,get)
                cmd="nxcdp__subcmd__config__subcmd__get"
                ;;
            nxcdp__subcmd__config,help)
                cmd="nxcdp__subcmd__config__subcmd__help"
                ;;
            nxcdp__subcmd__config,init)
                cmd="nxcdp__subcmd__config__subcmd__init"
                ;;
            nxcdp__subcmd__config,list)
                cmd="nxcdp__subcmd__config__subcmd__list"
                ;;
            nxcdp__subcmd__config,path)
                cmd="nxcdp__subcmd__config__subcmd__path"
                ;;
            nxcdp__subcmd__config,profiles)
                cmd="nxcdp__subcmd__config__subcmd__profiles"
                ;;
            nxcdp__subcmd__config,set)
                cmd="nxcdp__subcmd__config__subcmd__set"
                ;;
            nxcdp__subcmd__config__subcmd__help,get)
                cmd="nxcdp__subcmd__config__subcmd__help__subcmd__get"
                ;;
            nxcdp__subcmd__config__subcmd__help,help)
                cmd="nxcdp__subcmd__config__subcmd__help__subcmd__help"
                ;;
            nxcdp__subcmd__config__subcmd__help,init)
                cmd="nxcdp__subcmd__config__subcmd__help__subcmd__init"
                ;;
            nxcdp__subcmd__config__subcmd__help,list)
                cmd="nxcdp__subcmd__config__subcmd__help__subcmd__list"
                ;;
            nxcdp__subcmd__config__subcmd__help,path)
                cmd="nxcdp__subcmd__config__subcmd__help__subcmd__path"
                ;;
            nxcdp__subcmd__config__subcmd__help,profiles)
                cmd="nxcdp__subcmd__config__subcmd__help__subcmd__profiles"
                ;;
            nxcdp__subcmd__config__subcmd__help,set)
                cmd="nxcdp__subcmd__config__subcmd__help__subcmd__set"
                ;;
            nxcdp__subcmd__customers,export)
                cmd="nxcdp__subcmd__customers__subcmd__export"
                ;;
            nxcdp__subcmd__customers,fields)
                cmd="nxcdp__subcmd__customers__subcmd__fields"
                ;;
            nxcdp__subcmd__customers,get)
                cmd="nxcdp__subcmd__customers__subcmd__get"
                ;;
            nxcdp__subcmd__customers,help)
                cmd="nxcdp__subcmd__customers__subcmd__help"
                ;;
            nxcdp__subcmd__customers,import)
                cmd="nxcdp__subcmd__customers__subcmd__import"
                ;;
            nxcdp__subcmd__customers,query)
                cmd="nxcdp__subcmd__customers__subcmd__query"
                ;;
            nxcdp__subcmd__customers,watch)
                cmd="nxcdp__subcmd__customers__subcmd__watch"
                ;;
            nxcdp__subcmd__customers__subcmd__help,export)
                cmd="nxcdp__subcmd__customers__subcmd__help__subcmd__export"
                ;;
            nxcdp__subcmd__customers__subcmd__help,fields)
                cmd="nxcdp__subcmd__customers__subcmd__help__subcmd__fields"
                ;;
            nxcdp__subcmd__customers__subcmd__help,get)
                cmd="nxcdp__subcmd__customers__subcmd__help__subcmd__get"
                ;;
            nxcdp__subcmd__customers__subcmd__help,help)
                cmd="nxcdp__subcmd__customers__subcmd__help__subcmd__help"
                ;;
            nxcdp__subcmd__customers__subcmd__help,import)
                cmd="nxcdp__subcmd__customers__subcmd__help__subcmd__import"
                ;;
            nxcdp__subcmd__customers__subcmd__help,query)
                cmd="nxcdp__subcmd__customers__subcmd__help__subcmd__query"
                ;;
            nxcdp__subcmd__customers__subcmd__help,watch)
                cmd="nxcdp__subcmd__customers__subcmd__help__subcmd__watch"
                ;;
            nxcdp__subcmd__help,api)
                cmd="nxcdp__subcmd__help__subcmd__api"
                ;;
            nxcdp__subcmd__help,completions)
                cmd="nxcdp__subcmd__help__subcmd__completions"
                ;;
            nxcdp__subcmd__help,config)
                cmd="nxcdp__subcmd__help__subcmd__config"
                ;;
            nxcdp__subcmd__help,customers)
                cmd="nxcdp__subcmd__help__subcmd__customers"
                ;;
            nxcdp__subcmd__help,doctor)
                cmd="nxcdp__subcmd__help__subcmd__doctor"
                ;;
            nxcdp__subcmd__help,help)
                cmd="nxcdp__subcmd__help__subcmd__help"
                ;;
            nxcdp__subcmd__help,man)
                cmd="nxcdp__subcmd__help__subcmd__man"
                ;;
            nxcdp__subcmd__help,sandbox)
                cmd="nxcdp__subcmd__help__subcmd__sandbox"
                ;;
            nxcdp__subcmd__help__subcmd__config,get)
                cmd="nxcdp__subcmd__help__subcmd__config__subcmd__get"
                ;;
            nxcdp__subcmd__help__subcmd__config,init)
                cmd="nxcdp__subcmd__help__subcmd__config__subcmd__init"
                ;;
            nxcdp__subcmd__help__subcmd__config,list)
                cmd="nxcdp__subcmd__help__subcmd__config__subcmd__list"
                ;;
            nxcdp__subcmd__help__subcmd__config,path)
                cmd="nxcdp__subcmd__help__subcmd__config__subcmd__path"
                ;;
            nxcdp__subcmd__help__subcmd__config,profiles)
                cmd="nxcdp__subcmd__help__subcmd__config__subcmd__profiles"
                ;;
            nxcdp__subcmd__help__subcmd__config,set)
                cmd="nxcdp__subcmd__help__subcmd__config__subcmd__set"
                ;;
            nxcdp__subcmd__help__subcmd__customers,export)
                cmd="nxcdp__subcmd__help__subcmd__customers__subcmd__export"
                ;;
            nxcdp__subcmd__help__subcmd__customers,fields)
                cmd="nxcdp__subcmd__help__subcmd__customers__subcmd__fields"
                ;;
            nxcdp__subcmd__help__subcmd__customers,get)
                cmd="nxcdp__subcmd__help__subcmd__customers__subcmd__get"
                ;;
            nxcdp__subcmd__help__subcmd__customers,import)
                cmd="nxcdp__subcmd__help__subcmd__customers__subcmd__import"
                ;;
            nxcdp__subcmd__help__subcmd__customers,query)
                cmd="nxcdp__subcmd__help__subcmd__customers__subcmd__query"
                ;;
            nxcdp__subcmd__help__subcmd__customers,watch)
                cmd="nxcdp__subcmd__help__subcmd__customers__subcmd__watch"
                ;;
            *)
                ;;
        esac
    done

    case "${cmd}" in
        nxcdp)
            opts="-q -h -V --profile --quiet --help --version api sandbox config doctor completions man customers help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 1 ]] ; then
                if [[ ${cur} != -* ]]; then local o words=""; for o in ${opts}; do [[ ${o} == [a-z]* ]] && words+=" ${o}"; done; [[ -n ${words} ]] && opts=${words}; fi
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --profile)
                    COMPREPLY=(); while IFS= read -r p; do [[ "$p" == "${cur}"* ]] && COMPREPLY+=("$p"); done < <(nxcdp config profiles 2>/dev/null)
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nxcdp__subcmd__api)
            opts="-X -f -F -H -v -q -h --method --raw-field --field --input --biz-type --action --header --sandbox --sign-algorithm --timeout --retries --rate --verbose --dry-run --curl --base-url --region --ca-cert --access-key --access-secret --access-secret-file --tenant-id --app-key --profile --quiet --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                if [[ ${cur} != -* ]]; then local o words=""; for o in ${opts}; do [[ ${o} == [a-z]* ]] && words+=" ${o}"; done; [[ -n ${words} ]] && opts=${words}; fi
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --method)
                    COMPREPLY=($(compgen -W "GET POST PUT PATCH DELETE" -- "${cur}"))
                    return 0
                    ;;
                -X)
                    COMPREPLY=($(compgen -W "GET POST PUT PATCH DELETE" -- "${cur}"))
                    return 0
                    ;;
                --raw-field)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -f)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --field)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -F)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --input)
                    local oldifs
                    if [ -n "${IFS+x}" ]; then
                        oldifs="$IFS"
                    fi
                    IFS=$'\n'
                    COMPREPLY=($(compgen -f "${cur}"))
                    if [ -n "${oldifs+x}" ]; then
                        IFS="$oldifs"
                    fi
                    if [[ "${BASH_VERSINFO[0]}" -ge 4 ]]; then
                        compopt -o filenames
                    fi
                    return 0
                    ;;
                --biz-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --action)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --header)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -H)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sign-algorithm)
                    COMPREPLY=($(compgen -W "md5 sha256" -- "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --retries)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --rate)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --base-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --region)
                    COMPREPLY=($(compgen -W "default hk americas idn" -- "${cur}"))
                    return 0
                    ;;
                --ca-cert)
                    local oldifs
                    if [ -n "${IFS+x}" ]; then
                        oldifs="$IFS"
                    fi
                    IFS=$'\n'
                    COMPREPLY=($(compgen -f "${cur}"))
                    if [ -n "${oldifs+x}" ]; then
                        IFS="$oldifs"
                    fi
                    if [[ "${BASH_VERSINFO[0]}" -ge 4 ]]; then
                        compopt -o filenames
                    fi
                    return 0
                    ;;
                --access-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --access-secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --access-secret-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tenant-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --app-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=(); while IFS= read -r p; do [[ "$p" == "${cur}"* ]] && COMPREPLY+=("$p"); done < <(nxcdp config profiles 2>/dev/null)
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nxcdp__subcmd__completions)
            opts="-q -h --profile --quiet --help bash elvish fish powershell zsh"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                if [[ ${cur} != -* ]]; then local o words=""; for o in ${opts}; do [[ ${o} == [a-z]* ]] && words+=" ${o}"; done; [[ -n ${words} ]] && opts=${words}; fi
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --profile)
                    COMPREPLY=(); while IFS= read -r p; do [[ "$p" == "${cur}"* ]] && COMPREPLY+=("$p"); done < <(nxcdp config profiles 2>/dev/null)
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nxcdp__subcmd__config)
            opts="-q -h --profile --quiet --help path list get set profiles init help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                if [[ ${cur} != -* ]]; then local o words=""; for o in ${opts}; do [[ ${o} == [a-z]* ]] && words+=" ${o}"; done; [[ -n ${words} ]] && opts=${words}; fi
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --profile)
                    COMPREPLY=(); while IFS= read -r p; do [[ "$p" == "${cur}"* ]] && COMPREPLY+=("$p"); done < <(nxcdp config profiles 2>/dev/null)
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nxcdp__subcmd__config__subcmd__get)
            opts="-q -h --profile --quiet --help base_url access_key access_secret tenant_id app_key region ca_cert"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                if [[ ${cur} != -* ]]; then local o words=""; for o in ${opts}; do [[ ${o} == [a-z]* ]] && words+=" ${o}"; done; [[ -n ${words} ]] && opts=${words}; fi
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --profile)
                    COMPREPLY=(); while IFS= read -r p; do [[ "$p" == "${cur}"* ]] && COMPREPLY+=("$p"); done < <(nxcdp config profiles 2>/dev/null)
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nxcdp__subcmd__config__subcmd__help)
            opts="path list get set profiles init help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                if [[ ${cur} != -* ]]; then local o words=""; for o in ${opts}; do [[ ${o} == [a-z]* ]] && words+=" ${o}"; done; [[ -n ${words} ]] && opts=${words}; fi
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nxcdp__subcmd__config__subcmd__help__subcmd__get)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                if [[ ${cur} != -* ]]; then local o words=""; for o in ${opts}; do [[ ${o} == [a-z]* ]] && words+=" ${o}"; done; [[ -n ${words} ]] && opts=${words}; fi
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nxcdp__subcmd__config__subcmd__help__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                if [[ ${cur} != -* ]]; then local o words=""; for o in ${opts}; do [[ ${o} == [a-z]* ]] && words+=" ${o}"; done; [[ -n ${words} ]] && opts=${words}; fi
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nxcdp__subcmd__config__subcmd__help__subcmd__init)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                if [[ ${cur} != -* ]]; then local o words=""; for o in ${opts}; do [[ ${o} == [a-z]* ]] && words+=" ${o}"; done; [[ -n ${words} ]] && opts=${words}; fi
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nxcdp__subcmd__config__subcmd__help__subcmd__list)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                if [[ ${cur} != -* ]]; then local o words=""; for o in ${opts}; do [[ ${o} == [a-z]* ]] && words+=" ${o}"; done; [[ -n ${words} ]] && opts=${words}; fi
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nxcdp__subcmd__config__subcmd__help__subcmd__path)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                if [[ ${cur} != -* ]]; then local o words=""; for o in ${opts}; do [[ ${o} == [a-z]* ]] && words+=" ${o}"; done; [[ -n ${words} ]] && opts=${words}; fi
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nxcdp__subcmd__config__subcmd__help__subcmd__profiles)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                if [[ ${cur} != -* ]]; then local o words=""; for o in ${opts}; do [[ ${o} == [a-z]* ]] && words+=" ${o}"; done; [[ -n ${words} ]] && opts=${words}; fi
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nxcdp__subcmd__config__subcmd__help__subcmd__set)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                if [[ ${cur} != -* ]]; then local o words=""; for o in ${opts}; do [[ ${o} == [a-z]* ]] && words+=" ${o}"; done; [[ -n ${words} ]] && opts=${words}; fi
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nxcdp__subcmd__config__subcmd__init)
            opts="-q -h --profile --quiet --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                if [[ ${cur} != -* ]]; then local o words=""; for o in ${opts}; do [[ ${o} == [a-z]* ]] && words+=" ${o}"; done; [[ -n ${words} ]] && opts=${words}; fi
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --profile)
                    COMPREPLY=(); while IFS= read -r p; do [[ "$p" == "${cur}"* ]] && COMPREPLY+=("$p"); done < <(nxcdp config profiles 2>/dev/null)
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nxcdp__subcmd__config__subcmd__list)
            opts="-q -h --profile --quiet --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                if [[ ${cur} != -* ]]; then local o words=""; for o in ${opts}; do [[ ${o} == [a-z]* ]] && words+=" ${o}"; done; [[ -n ${words} ]] && opts=${words}; fi
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --profile)
                    COMPREPLY=(); while IFS= read -r p; do [[ "$p" == "${cur}"* ]] && COMPREPLY+=("$p"); done < <(nxcdp config profiles 2>/dev/null)
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nxcdp__subcmd__config__subcmd__path)
            opts="-q -h --profile --quiet --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                if [[ ${cur} != -* ]]; then local o words=""; for o in ${opts}; do [[ ${o} == [a-z]* ]] && words+=" ${o}"; done; [[ -n ${words} ]] && opts=${words}; fi
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --profile)
                    COMPREPLY=(); while IFS= read -r p; do [[ "$p" == "${cur}"* ]] && COMPREPLY+=("$p"); done < <(nxcdp config profiles 2>/dev/null)
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nxcdp__subcmd__config__subcmd__profiles)
            opts="-q -h --profile --quiet --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                if [[ ${cur} != -* ]]; then local o words=""; for o in ${opts}; do [[ ${o} == [a-z]* ]] && words+=" ${o}"; done; [[ -n ${words} ]] && opts=${words}; fi
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --profile)
                    COMPREPLY=(); while IFS= read -r p; do [[ "$p" == "${cur}"* ]] && COMPREPLY+=("$p"); done < <(nxcdp config profiles 2>/dev/null)
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nxcdp__subcmd__config__subcmd__set)
            opts="-q -h --profile --quiet --help base_url access_key access_secret tenant_id app_key region ca_cert"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                if [[ ${cur} != -* ]]; then local o words=""; for o in ${opts}; do [[ ${o} == [a-z]* ]] && words+=" ${o}"; done; [[ -n ${words} ]] && opts=${words}; fi
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --profile)
                    COMPREPLY=(); while IFS= read -r p; do [[ "$p" == "${cur}"* ]] && COMPREPLY+=("$p"); done < <(nxcdp config profiles 2>/dev/null)
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nxcdp__subcmd__customers)
            opts="-v -q -h --sandbox --sign-algorithm --timeout --retries --rate --verbose --dry-run --curl --base-url --region --ca-cert --access-key --access-secret --access-secret-file --tenant-id --app-key --profile --quiet --help query get export import watch fields help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                if [[ ${cur} != -* ]]; then local o words=""; for o in ${opts}; do [[ ${o} == [a-z]* ]] && words+=" ${o}"; done; [[ -n ${words} ]] && opts=${words}; fi
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --sign-algorithm)
                    COMPREPLY=($(compgen -W "md5 sha256" -- "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --retries)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --rate)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --base-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --region)
                    COMPREPLY=($(compgen -W "default hk americas idn" -- "${cur}"))
                    return 0
                    ;;
                --ca-cert)
                    local oldifs
                    if [ -n "${IFS+x}" ]; then
                        oldifs="$IFS"
                    fi
                    IFS=$'\n'
                    COMPREPLY=($(compgen -f "${cur}"))
                    if [ -n "${oldifs+x}" ]; then
                        IFS="$oldifs"
                    fi
                    if [[ "${BASH_VERSINFO[0]}" -ge 4 ]]; then
                        compopt -o filenames
                    fi
                    return 0
                    ;;
                --access-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --access-secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --access-secret-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tenant-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --app-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=(); while IFS= read -r p; do [[ "$p" == "${cur}"* ]] && COMPREPLY+=("$p"); done < <(nxcdp config profiles 2>/dev/null)
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nxcdp__subcmd__customers__subcmd__export)
            opts="-o -v -q -h --file --resume --page-size --parallel --sorted --output --columns --raw-custom-fields --ids-as-strings --csv-safe --bom --field-labels --start-time --end-time --since --tag --tag-id --his-tag --his-tag-id --tags-logic --source-type --name --source-channel-key --sms-phone --whatsapp-phone --email --viber-phone --sandbox --sign-algorithm --timeout --retries --rate --verbose --dry-run --curl --base-url --region --ca-cert --access-key --access-secret --access-secret-file --tenant-id --app-key --profile --quiet --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                if [[ ${cur} != -* ]]; then local o words=""; for o in ${opts}; do [[ ${o} == [a-z]* ]] && words+=" ${o}"; done; [[ -n ${words} ]] && opts=${words}; fi
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --page-size)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --parallel)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "csv jsonl xlsx parquet" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "csv jsonl xlsx parquet" -- "${cur}"))
                    return 0
                    ;;
                --columns)
                    COMPREPLY=($(compgen -W "id first_name last_name full_name sms_phone whatsApp_phone viber_phone line messenger instagram email country birthday remark source_type source_channel_key gender created_at updated_at status tags whatApp_subscribe sms_subscribe customize_field tenant_id weight" -- "${cur}"))
                    return 0
                    ;;
                --field-labels)
                    COMPREPLY=($(compgen -W "en zh key" -- "${cur}"))
                    return 0
                    ;;
                --start-time)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --end-time)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --since)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tag-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --his-tag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --his-tag-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tags-logic)
                    COMPREPLY=($(compgen -W "and or" -- "${cur}"))
                    return 0
                    ;;
                --source-type)
                    COMPREPLY=($(compgen -W "unknown created excel-import customer-initiated sms-bulk voice-bulk third-party-api callbot call-center email-channel form customer-initiated-11 viber messenger instagram line" -- "${cur}"))
                    return 0
                    ;;
                --name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --source-channel-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sms-phone)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --whatsapp-phone)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --email)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --viber-phone)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sign-algorithm)
                    COMPREPLY=($(compgen -W "md5 sha256" -- "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --retries)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --rate)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --base-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --region)
                    COMPREPLY=($(compgen -W "default hk americas idn" -- "${cur}"))
                    return 0
                    ;;
                --ca-cert)
                    local oldifs
                    if [ -n "${IFS+x}" ]; then
                        oldifs="$IFS"
                    fi
                    IFS=$'\n'
                    COMPREPLY=($(compgen -f "${cur}"))
                    if [ -n "${oldifs+x}" ]; then
                        IFS="$oldifs"
                    fi
                    if [[ "${BASH_VERSINFO[0]}" -ge 4 ]]; then
                        compopt -o filenames
                    fi
                    return 0
                    ;;
                --access-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --access-secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --access-secret-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tenant-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --app-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=(); while IFS= read -r p; do [[ "$p" == "${cur}"* ]] && COMPREPLY+=("$p"); done < <(nxcdp config profiles 2>/dev/null)
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nxcdp__subcmd__customers__subcmd__fields)
            opts="-o -v -q -h --preset --custom --output --jq --raw-custom-fields --ids-as-strings --csv-safe --bom --field-labels --columns --sandbox --sign-algorithm --timeout --retries --rate --verbose --dry-run --curl --base-url --region --ca-cert --access-key --access-secret --access-secret-file --tenant-id --app-key --profile --quiet --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                if [[ ${cur} != -* ]]; then local o words=""; for o in ${opts}; do [[ ${o} == [a-z]* ]] && words+=" ${o}"; done; [[ -n ${words} ]] && opts=${words}; fi
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --output)
                    COMPREPLY=($(compgen -W "table wide csv xlsx parquet json jsonl" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table wide csv xlsx parquet json jsonl" -- "${cur}"))
                    return 0
                    ;;
                --jq)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --field-labels)
                    COMPREPLY=($(compgen -W "en zh key" -- "${cur}"))
                    return 0
                    ;;
                --columns)
                    COMPREPLY=($(compgen -W "id tenantId name display_name display_en_name is_display field_type required sequence remark field_type_info is_preset" -- "${cur}"))
                    return 0
                    ;;
                --sign-algorithm)
                    COMPREPLY=($(compgen -W "md5 sha256" -- "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --retries)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --rate)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --base-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --region)
                    COMPREPLY=($(compgen -W "default hk americas idn" -- "${cur}"))
                    return 0
                    ;;
                --ca-cert)
                    local oldifs
                    if [ -n "${IFS+x}" ]; then
                        oldifs="$IFS"
                    fi
                    IFS=$'\n'
                    COMPREPLY=($(compgen -f "${cur}"))
                    if [ -n "${oldifs+x}" ]; then
                        IFS="$oldifs"
                    fi
                    if [[ "${BASH_VERSINFO[0]}" -ge 4 ]]; then
                        compopt -o filenames
                    fi
                    return 0
                    ;;
                --access-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --access-secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --access-secret-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tenant-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --app-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=(); while IFS= read -r p; do [[ "$p" == "${cur}"* ]] && COMPREPLY+=("$p"); done < <(nxcdp config profiles 2>/dev/null)
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nxcdp__subcmd__customers__subcmd__get)
            opts="-o -v -q -h --output --jq --columns --raw-custom-fields --ids-as-strings --csv-safe --bom --field-labels --sandbox --sign-algorithm --timeout --retries --rate --verbose --dry-run --curl --base-url --region --ca-cert --access-key --access-secret --access-secret-file --tenant-id --app-key --profile --quiet --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                if [[ ${cur} != -* ]]; then local o words=""; for o in ${opts}; do [[ ${o} == [a-z]* ]] && words+=" ${o}"; done; [[ -n ${words} ]] && opts=${words}; fi
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --output)
                    COMPREPLY=($(compgen -W "table wide csv xlsx parquet json jsonl" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table wide csv xlsx parquet json jsonl" -- "${cur}"))
                    return 0
                    ;;
                --jq)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --columns)
                    COMPREPLY=($(compgen -W "id first_name last_name full_name sms_phone whatsApp_phone viber_phone line messenger instagram email country birthday remark source_type source_channel_key gender created_at updated_at status tags whatApp_subscribe sms_subscribe customize_field tenant_id weight" -- "${cur}"))
                    return 0
                    ;;
                --field-labels)
                    COMPREPLY=($(compgen -W "en zh key" -- "${cur}"))
                    return 0
                    ;;
                --sign-algorithm)
                    COMPREPLY=($(compgen -W "md5 sha256" -- "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --retries)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --rate)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --base-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --region)
                    COMPREPLY=($(compgen -W "default hk americas idn" -- "${cur}"))
                    return 0
                    ;;
                --ca-cert)
                    local oldifs
                    if [ -n "${IFS+x}" ]; then
                        oldifs="$IFS"
                    fi
                    IFS=$'\n'
                    COMPREPLY=($(compgen -f "${cur}"))
                    if [ -n "${oldifs+x}" ]; then
                        IFS="$oldifs"
                    fi
                    if [[ "${BASH_VERSINFO[0]}" -ge 4 ]]; then
                        compopt -o filenames
                    fi
                    return 0
                    ;;
                --access-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --access-secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --access-secret-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tenant-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --app-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=(); while IFS= read -r p; do [[ "$p" == "${cur}"* ]] && COMPREPLY+=("$p"); done < <(nxcdp config profiles 2>/dev/null)
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nxcdp__subcmd__customers__subcmd__help)
            opts="query get export import watch fields help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                if [[ ${cur} != -* ]]; then local o words=""; for o in ${opts}; do [[ ${o} == [a-z]* ]] && words+=" ${o}"; done; [[ -n ${words} ]] && opts=${words}; fi
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nxcdp__subcmd__customers__subcmd__help__subcmd__export)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                if [[ ${cur} != -* ]]; then local o words=""; for o in ${opts}; do [[ ${o} == [a-z]* ]] && words+=" ${o}"; done; [[ -n ${words} ]] && opts=${words}; fi
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nxcdp__subcmd__customers__subcmd__help__subcmd__fields)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                if [[ ${cur} != -* ]]; then local o words=""; for o in ${opts}; do [[ ${o} == [a-z]* ]] && words+=" ${o}"; done; [[ -n ${words} ]] && opts=${words}; fi
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nxcdp__subcmd__customers__subcmd__help__subcmd__get)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                if [[ ${cur} != -* ]]; then local o words=""; for o in ${opts}; do [[ ${o} == [a-z]* ]] && words+=" ${o}"; done; [[ -n ${words} ]] && opts=${words}; fi
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nxcdp__subcmd__customers__subcmd__help__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                if [[ ${cur} != -* ]]; then local o words=""; for o in ${opts}; do [[ ${o} == [a-z]* ]] && words+=" ${o}"; done; [[ -n ${words} ]] && opts=${words}; fi
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nxcdp__subcmd__customers__subcmd__help__subcmd__import)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                if [[ ${cur} != -* ]]; then local o words=""; for o in ${opts}; do [[ ${o} == [a-z]* ]] && words+=" ${o}"; done; [[ -n ${words} ]] && opts=${words}; fi
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nxcdp__subcmd__customers__subcmd__help__subcmd__query)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                if [[ ${cur} != -* ]]; then local o words=""; for o in ${opts}; do [[ ${o} == [a-z]* ]] && words+=" ${o}"; done; [[ -n ${words} ]] && opts=${words}; fi
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nxcdp__subcmd__customers__subcmd__help__subcmd__watch)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                if [[ ${cur} != -* ]]; then local o words=""; for o in ${opts}; do [[ ${o} == [a-z]* ]] && words+=" ${o}"; done; [[ -n ${words} ]] && opts=${words}; fi
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nxcdp__subcmd__customers__subcmd__import)
            opts="-v -q -h --format --encoding --sheet --delimiter --map --ignore-unknown --normalize-phones --on-conflict --rejects --journal --resume --batch-size --parallel --sandbox --sign-algorithm --timeout --retries --rate --verbose --dry-run --curl --base-url --region --ca-cert --access-key --access-secret --access-secret-file --tenant-id --app-key --profile --quiet --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                if [[ ${cur} != -* ]]; then local o words=""; for o in ${opts}; do [[ ${o} == [a-z]* ]] && words+=" ${o}"; done; [[ -n ${words} ]] && opts=${words}; fi
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --format)
                    COMPREPLY=($(compgen -W "csv jsonl json workbook" -- "${cur}"))
                    return 0
                    ;;
                --encoding)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sheet)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --delimiter)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --map)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --on-conflict)
                    COMPREPLY=($(compgen -W "replace merge keep" -- "${cur}"))
                    return 0
                    ;;
                --rejects)
                    local oldifs
                    if [ -n "${IFS+x}" ]; then
                        oldifs="$IFS"
                    fi
                    IFS=$'\n'
                    COMPREPLY=($(compgen -f "${cur}"))
                    if [ -n "${oldifs+x}" ]; then
                        IFS="$oldifs"
                    fi
                    if [[ "${BASH_VERSINFO[0]}" -ge 4 ]]; then
                        compopt -o filenames
                    fi
                    return 0
                    ;;
                --journal)
                    local oldifs
                    if [ -n "${IFS+x}" ]; then
                        oldifs="$IFS"
                    fi
                    IFS=$'\n'
                    COMPREPLY=($(compgen -f "${cur}"))
                    if [ -n "${oldifs+x}" ]; then
                        IFS="$oldifs"
                    fi
                    if [[ "${BASH_VERSINFO[0]}" -ge 4 ]]; then
                        compopt -o filenames
                    fi
                    return 0
                    ;;
                --batch-size)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --parallel)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sign-algorithm)
                    COMPREPLY=($(compgen -W "md5 sha256" -- "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --retries)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --rate)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --base-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --region)
                    COMPREPLY=($(compgen -W "default hk americas idn" -- "${cur}"))
                    return 0
                    ;;
                --ca-cert)
                    local oldifs
                    if [ -n "${IFS+x}" ]; then
                        oldifs="$IFS"
                    fi
                    IFS=$'\n'
                    COMPREPLY=($(compgen -f "${cur}"))
                    if [ -n "${oldifs+x}" ]; then
                        IFS="$oldifs"
                    fi
                    if [[ "${BASH_VERSINFO[0]}" -ge 4 ]]; then
                        compopt -o filenames
                    fi
                    return 0
                    ;;
                --access-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --access-secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --access-secret-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tenant-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --app-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=(); while IFS= read -r p; do [[ "$p" == "${cur}"* ]] && COMPREPLY+=("$p"); done < <(nxcdp config profiles 2>/dev/null)
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nxcdp__subcmd__customers__subcmd__query)
            opts="-o -v -q -h --start-time --end-time --since --tag --tag-id --his-tag --his-tag-id --tags-logic --source-type --name --source-channel-key --sms-phone --whatsapp-phone --email --viber-phone --limit --all --page-size --after --before --parallel --sorted --output --jq --columns --raw-custom-fields --ids-as-strings --csv-safe --bom --field-labels --sandbox --sign-algorithm --timeout --retries --rate --verbose --dry-run --curl --base-url --region --ca-cert --access-key --access-secret --access-secret-file --tenant-id --app-key --profile --quiet --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                if [[ ${cur} != -* ]]; then local o words=""; for o in ${opts}; do [[ ${o} == [a-z]* ]] && words+=" ${o}"; done; [[ -n ${words} ]] && opts=${words}; fi
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --start-time)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --end-time)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --since)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tag-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --his-tag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --his-tag-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tags-logic)
                    COMPREPLY=($(compgen -W "and or" -- "${cur}"))
                    return 0
                    ;;
                --source-type)
                    COMPREPLY=($(compgen -W "unknown created excel-import customer-initiated sms-bulk voice-bulk third-party-api callbot call-center email-channel form customer-initiated-11 viber messenger instagram line" -- "${cur}"))
                    return 0
                    ;;
                --name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --source-channel-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sms-phone)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --whatsapp-phone)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --email)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --viber-phone)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --limit)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --page-size)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --after)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --before)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --parallel)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table wide csv xlsx parquet json jsonl" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table wide csv xlsx parquet json jsonl" -- "${cur}"))
                    return 0
                    ;;
                --jq)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --columns)
                    COMPREPLY=($(compgen -W "id first_name last_name full_name sms_phone whatsApp_phone viber_phone line messenger instagram email country birthday remark source_type source_channel_key gender created_at updated_at status tags whatApp_subscribe sms_subscribe customize_field tenant_id weight" -- "${cur}"))
                    return 0
                    ;;
                --field-labels)
                    COMPREPLY=($(compgen -W "en zh key" -- "${cur}"))
                    return 0
                    ;;
                --sign-algorithm)
                    COMPREPLY=($(compgen -W "md5 sha256" -- "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --retries)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --rate)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --base-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --region)
                    COMPREPLY=($(compgen -W "default hk americas idn" -- "${cur}"))
                    return 0
                    ;;
                --ca-cert)
                    local oldifs
                    if [ -n "${IFS+x}" ]; then
                        oldifs="$IFS"
                    fi
                    IFS=$'\n'
                    COMPREPLY=($(compgen -f "${cur}"))
                    if [ -n "${oldifs+x}" ]; then
                        IFS="$oldifs"
                    fi
                    if [[ "${BASH_VERSINFO[0]}" -ge 4 ]]; then
                        compopt -o filenames
                    fi
                    return 0
                    ;;
                --access-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --access-secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --access-secret-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tenant-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --app-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=(); while IFS= read -r p; do [[ "$p" == "${cur}"* ]] && COMPREPLY+=("$p"); done < <(nxcdp config profiles 2>/dev/null)
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nxcdp__subcmd__customers__subcmd__watch)
            opts="-o -v -q -h --interval --lookback --bookmark --once --file --no-header --jq --columns --raw-custom-fields --ids-as-strings --csv-safe --bom --field-labels --start-time --end-time --since --tag --tag-id --his-tag --his-tag-id --tags-logic --source-type --name --source-channel-key --sms-phone --whatsapp-phone --email --viber-phone --output --sandbox --sign-algorithm --timeout --retries --rate --verbose --dry-run --curl --base-url --region --ca-cert --access-key --access-secret --access-secret-file --tenant-id --app-key --profile --quiet --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                if [[ ${cur} != -* ]]; then local o words=""; for o in ${opts}; do [[ ${o} == [a-z]* ]] && words+=" ${o}"; done; [[ -n ${words} ]] && opts=${words}; fi
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --interval)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --lookback)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --bookmark)
                    local oldifs
                    if [ -n "${IFS+x}" ]; then
                        oldifs="$IFS"
                    fi
                    IFS=$'\n'
                    COMPREPLY=($(compgen -f "${cur}"))
                    if [ -n "${oldifs+x}" ]; then
                        IFS="$oldifs"
                    fi
                    if [[ "${BASH_VERSINFO[0]}" -ge 4 ]]; then
                        compopt -o filenames
                    fi
                    return 0
                    ;;
                --file)
                    local oldifs
                    if [ -n "${IFS+x}" ]; then
                        oldifs="$IFS"
                    fi
                    IFS=$'\n'
                    COMPREPLY=($(compgen -f "${cur}"))
                    if [ -n "${oldifs+x}" ]; then
                        IFS="$oldifs"
                    fi
                    if [[ "${BASH_VERSINFO[0]}" -ge 4 ]]; then
                        compopt -o filenames
                    fi
                    return 0
                    ;;
                --jq)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --columns)
                    COMPREPLY=($(compgen -W "id first_name last_name full_name sms_phone whatsApp_phone viber_phone line messenger instagram email country birthday remark source_type source_channel_key gender created_at updated_at status tags whatApp_subscribe sms_subscribe customize_field tenant_id weight" -- "${cur}"))
                    return 0
                    ;;
                --field-labels)
                    COMPREPLY=($(compgen -W "en zh key" -- "${cur}"))
                    return 0
                    ;;
                --start-time)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --end-time)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --since)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tag-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --his-tag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --his-tag-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tags-logic)
                    COMPREPLY=($(compgen -W "and or" -- "${cur}"))
                    return 0
                    ;;
                --source-type)
                    COMPREPLY=($(compgen -W "unknown created excel-import customer-initiated sms-bulk voice-bulk third-party-api callbot call-center email-channel form customer-initiated-11 viber messenger instagram line" -- "${cur}"))
                    return 0
                    ;;
                --name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --source-channel-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sms-phone)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --whatsapp-phone)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --email)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --viber-phone)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table wide csv jsonl" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table wide csv jsonl" -- "${cur}"))
                    return 0
                    ;;
                --sign-algorithm)
                    COMPREPLY=($(compgen -W "md5 sha256" -- "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --retries)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --rate)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --base-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --region)
                    COMPREPLY=($(compgen -W "default hk americas idn" -- "${cur}"))
                    return 0
                    ;;
                --ca-cert)
                    local oldifs
                    if [ -n "${IFS+x}" ]; then
                        oldifs="$IFS"
                    fi
                    IFS=$'\n'
                    COMPREPLY=($(compgen -f "${cur}"))
                    if [ -n "${oldifs+x}" ]; then
                        IFS="$oldifs"
                    fi
                    if [[ "${BASH_VERSINFO[0]}" -ge 4 ]]; then
                        compopt -o filenames
                    fi
                    return 0
                    ;;
                --access-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --access-secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --access-secret-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tenant-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --app-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=(); while IFS= read -r p; do [[ "$p" == "${cur}"* ]] && COMPREPLY+=("$p"); done < <(nxcdp config profiles 2>/dev/null)
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nxcdp__subcmd__doctor)
            opts="-v -q -h --sandbox --sign-algorithm --timeout --retries --rate --verbose --base-url --region --ca-cert --access-key --access-secret --access-secret-file --tenant-id --app-key --dry-run --curl --profile --quiet --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                if [[ ${cur} != -* ]]; then local o words=""; for o in ${opts}; do [[ ${o} == [a-z]* ]] && words+=" ${o}"; done; [[ -n ${words} ]] && opts=${words}; fi
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --sign-algorithm)
                    COMPREPLY=($(compgen -W "md5 sha256" -- "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --retries)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --rate)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --base-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --region)
                    COMPREPLY=($(compgen -W "default hk americas idn" -- "${cur}"))
                    return 0
                    ;;
                --ca-cert)
                    local oldifs
                    if [ -n "${IFS+x}" ]; then
                        oldifs="$IFS"
                    fi
                    IFS=$'\n'
                    COMPREPLY=($(compgen -f "${cur}"))
                    if [ -n "${oldifs+x}" ]; then
                        IFS="$oldifs"
                    fi
                    if [[ "${BASH_VERSINFO[0]}" -ge 4 ]]; then
                        compopt -o filenames
                    fi
                    return 0
                    ;;
                --access-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --access-secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --access-secret-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tenant-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --app-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=(); while IFS= read -r p; do [[ "$p" == "${cur}"* ]] && COMPREPLY+=("$p"); done < <(nxcdp config profiles 2>/dev/null)
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nxcdp__subcmd__help)
            opts="api sandbox config doctor completions man customers help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                if [[ ${cur} != -* ]]; then local o words=""; for o in ${opts}; do [[ ${o} == [a-z]* ]] && words+=" ${o}"; done; [[ -n ${words} ]] && opts=${words}; fi
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nxcdp__subcmd__help__subcmd__api)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                if [[ ${cur} != -* ]]; then local o words=""; for o in ${opts}; do [[ ${o} == [a-z]* ]] && words+=" ${o}"; done; [[ -n ${words} ]] && opts=${words}; fi
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nxcdp__subcmd__help__subcmd__completions)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                if [[ ${cur} != -* ]]; then local o words=""; for o in ${opts}; do [[ ${o} == [a-z]* ]] && words+=" ${o}"; done; [[ -n ${words} ]] && opts=${words}; fi
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nxcdp__subcmd__help__subcmd__config)
            opts="path list get set profiles init"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                if [[ ${cur} != -* ]]; then local o words=""; for o in ${opts}; do [[ ${o} == [a-z]* ]] && words+=" ${o}"; done; [[ -n ${words} ]] && opts=${words}; fi
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nxcdp__subcmd__help__subcmd__config__subcmd__get)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                if [[ ${cur} != -* ]]; then local o words=""; for o in ${opts}; do [[ ${o} == [a-z]* ]] && words+=" ${o}"; done; [[ -n ${words} ]] && opts=${words}; fi
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nxcdp__subcmd__help__subcmd__config__subcmd__init)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                if [[ ${cur} != -* ]]; then local o words=""; for o in ${opts}; do [[ ${o} == [a-z]* ]] && words+=" ${o}"; done; [[ -n ${words} ]] && opts=${words}; fi
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nxcdp__subcmd__help__subcmd__config__subcmd__list)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                if [[ ${cur} != -* ]]; then local o words=""; for o in ${opts}; do [[ ${o} == [a-z]* ]] && words+=" ${o}"; done; [[ -n ${words} ]] && opts=${words}; fi
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nxcdp__subcmd__help__subcmd__config__subcmd__path)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                if [[ ${cur} != -* ]]; then local o words=""; for o in ${opts}; do [[ ${o} == [a-z]* ]] && words+=" ${o}"; done; [[ -n ${words} ]] && opts=${words}; fi
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nxcdp__subcmd__help__subcmd__config__subcmd__profiles)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                if [[ ${cur} != -* ]]; then local o words=""; for o in ${opts}; do [[ ${o} == [a-z]* ]] && words+=" ${o}"; done; [[ -n ${words} ]] && opts=${words}; fi
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nxcdp__subcmd__help__subcmd__config__subcmd__set)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                if [[ ${cur} != -* ]]; then local o words=""; for o in ${opts}; do [[ ${o} == [a-z]* ]] && words+=" ${o}"; done; [[ -n ${words} ]] && opts=${words}; fi
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nxcdp__subcmd__help__subcmd__customers)
            opts="query get export import watch fields"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                if [[ ${cur} != -* ]]; then local o words=""; for o in ${opts}; do [[ ${o} == [a-z]* ]] && words+=" ${o}"; done; [[ -n ${words} ]] && opts=${words}; fi
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nxcdp__subcmd__help__subcmd__customers__subcmd__export)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                if [[ ${cur} != -* ]]; then local o words=""; for o in ${opts}; do [[ ${o} == [a-z]* ]] && words+=" ${o}"; done; [[ -n ${words} ]] && opts=${words}; fi
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nxcdp__subcmd__help__subcmd__customers__subcmd__fields)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                if [[ ${cur} != -* ]]; then local o words=""; for o in ${opts}; do [[ ${o} == [a-z]* ]] && words+=" ${o}"; done; [[ -n ${words} ]] && opts=${words}; fi
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nxcdp__subcmd__help__subcmd__customers__subcmd__get)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                if [[ ${cur} != -* ]]; then local o words=""; for o in ${opts}; do [[ ${o} == [a-z]* ]] && words+=" ${o}"; done; [[ -n ${words} ]] && opts=${words}; fi
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nxcdp__subcmd__help__subcmd__customers__subcmd__import)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                if [[ ${cur} != -* ]]; then local o words=""; for o in ${opts}; do [[ ${o} == [a-z]* ]] && words+=" ${o}"; done; [[ -n ${words} ]] && opts=${words}; fi
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nxcdp__subcmd__help__subcmd__customers__subcmd__query)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                if [[ ${cur} != -* ]]; then local o words=""; for o in ${opts}; do [[ ${o} == [a-z]* ]] && words+=" ${o}"; done; [[ -n ${words} ]] && opts=${words}; fi
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nxcdp__subcmd__help__subcmd__customers__subcmd__watch)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                if [[ ${cur} != -* ]]; then local o words=""; for o in ${opts}; do [[ ${o} == [a-z]* ]] && words+=" ${o}"; done; [[ -n ${words} ]] && opts=${words}; fi
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nxcdp__subcmd__help__subcmd__doctor)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                if [[ ${cur} != -* ]]; then local o words=""; for o in ${opts}; do [[ ${o} == [a-z]* ]] && words+=" ${o}"; done; [[ -n ${words} ]] && opts=${words}; fi
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nxcdp__subcmd__help__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                if [[ ${cur} != -* ]]; then local o words=""; for o in ${opts}; do [[ ${o} == [a-z]* ]] && words+=" ${o}"; done; [[ -n ${words} ]] && opts=${words}; fi
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nxcdp__subcmd__help__subcmd__man)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                if [[ ${cur} != -* ]]; then local o words=""; for o in ${opts}; do [[ ${o} == [a-z]* ]] && words+=" ${o}"; done; [[ -n ${words} ]] && opts=${words}; fi
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nxcdp__subcmd__help__subcmd__sandbox)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                if [[ ${cur} != -* ]]; then local o words=""; for o in ${opts}; do [[ ${o} == [a-z]* ]] && words+=" ${o}"; done; [[ -n ${words} ]] && opts=${words}; fi
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nxcdp__subcmd__man)
            opts="-q -h --out-dir --profile --quiet --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                if [[ ${cur} != -* ]]; then local o words=""; for o in ${opts}; do [[ ${o} == [a-z]* ]] && words+=" ${o}"; done; [[ -n ${words} ]] && opts=${words}; fi
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --out-dir)
                    COMPREPLY=()
                    if [[ "${BASH_VERSINFO[0]}" -ge 4 ]]; then
                        compopt -o plusdirs
                    fi
                    return 0
                    ;;
                --profile)
                    COMPREPLY=(); while IFS= read -r p; do [[ "$p" == "${cur}"* ]] && COMPREPLY+=("$p"); done < <(nxcdp config profiles 2>/dev/null)
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nxcdp__subcmd__sandbox)
            opts="-q -h --port --customers --seed --as-of --access-key --access-secret --tenant-id --app-key --latency-ms --arrivals --arrival-burst --late --refuse-names --log --shape --burst --time-jitter --fail-first --fail-rate --fail-status --retry-after --retry-after-date --rate-limit --redirect-to --drop-rate --stall-first --stall-ms --clock-skew-secs --garbage --garbage-after --repeat-cursor --empty-next --wrong-way-cursor --overfill --repeat-customers --tls --tls-cert --tls-key --profile --quiet --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                if [[ ${cur} != -* ]]; then local o words=""; for o in ${opts}; do [[ ${o} == [a-z]* ]] && words+=" ${o}"; done; [[ -n ${words} ]] && opts=${words}; fi
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --customers)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --seed)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --as-of)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --access-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --access-secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tenant-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --app-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --latency-ms)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --arrivals)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --arrival-burst)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --late)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --refuse-names)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --shape)
                    COMPREPLY=($(compgen -W "even burst bursts growth tail" -- "${cur}"))
                    return 0
                    ;;
                --burst)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --time-jitter)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --fail-first)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --fail-rate)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --fail-status)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --retry-after)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --rate-limit)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --redirect-to)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --drop-rate)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --stall-first)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --stall-ms)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --clock-skew-secs)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --garbage)
                    COMPREPLY=($(compgen -W "html text truncated shape huge escape-message deep non-objects huge-number" -- "${cur}"))
                    return 0
                    ;;
                --garbage-after)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --overfill)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tls-cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tls-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=(); while IFS= read -r p; do [[ "$p" == "${cur}"* ]] && COMPREPLY+=("$p"); done < <(nxcdp config profiles 2>/dev/null)
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
    esac
}

if [[ "${BASH_VERSINFO[0]}" -eq 4 && "${BASH_VERSINFO[1]}" -ge 4 || "${BASH_VERSINFO[0]}" -gt 4 ]]; then
    complete -F _nxcdp -o nosort -o bashdefault -o default nxcdp
else
    complete -F _nxcdp -o bashdefault -o default nxcdp
fi
