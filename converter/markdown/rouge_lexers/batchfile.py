"""Rouge 3.30 lexers/batchfile.rb (tag batchfile; bat, batch, dosbatch, winbatch)."""

from __future__ import annotations

from .engine import RougeLexer

KEYWORDS = frozenset("if else for in do goto call exit".split())
OPERATOR_WORDS = frozenset("exist defined errorlevel cmdextversion not equ neq lss leq gtr geq".split())
DEVICES = frozenset("""
    con prn aux nul com1 com2 com3 com4 com5 com6 com7 com8 com9 lpt1 lpt2
    lpt3 lpt4 lpt5 lpt6 lpt7 lpt8 lpt9
""".split())
BUILTIN_COMMANDS = frozenset("""
    assoc attrib break bcdedit cacls cd chcp chdir chkdsk chkntfs choice
    cls cmd color comp compact convert copy date del dir diskpart doskey
    dpath driverquery echo endlocal erase fc find findstr format fsutil
    ftype gpresult graftabl help icacls label md mkdir mklink mode more
    move openfiles path pause popd print prompt pushd rd recover ren
    rename replace rmdir robocopy setlocal sc schtasks shift shutdown sort
    start subst systeminfo takeown tasklist taskkill time timeout title
    tree type ver verify vol xcopy waitfor wmic
""".split())
OTHER_COMMANDS = frozenset("""
    addusers admodcmd ansicon arp at bcdboot bitsadmin browstat certreq
    certutil change cidiag cipher cleanmgr clip cmdkey compress convertcp
    coreinfo csccmd csvde cscript curl debug defrag delprof deltree devcon
    diamond dirquota diruse diskshadow diskuse dism dnscmd dsacls dsadd
    dsget dsquery dsmod dsmove dsrm dsmgmt dsregcmd edlin eventcreate
    expand extract fdisk fltmc forfiles freedisk ftp getmac gpupdate
    hostname ifmember inuse ipconfig kill lgpo lodctr logman logoff
    logtime makecab mapisend mbsacli mem mountvol moveuser msg mshta
    msiexec msinfo32 mstsc nbtstat net net1 netdom netsh netstat nlsinfo
    nltest now nslookup ntbackup ntdsutil ntoskrnl ntrights nvspbind
    pathping perms ping portqry powercfg pngout pnputil printbrm prncnfg
    prnmngr procdump psexec psfile psgetsid psinfo pskill pslist
    psloggedon psloglist pspasswd psping psservice psshutdown pssuspend
    qbasic qgrep qprocess query quser qwinsta rasdial reg reg1 regdump
    regedt32 regsvr32 regini reset restore rundll32 rmtshare route rpcping
    run runas scandisk setspn setx sfc share shellrunas shortcut sigcheck
    sleep slmgr strings subinacl sysmon telnet tftp tlist touch tracerpt
    tracert tscon tsdiscon tskill tttracer typeperf tzutil undelete
    unformat verifier vmconnect vssadmin w32tm wbadmin wecutil wevtutil
    wget where whoami windiff winrm winrs wpeutil wpr wusa wuauclt wscript
""".split())
ATTRIBUTES = frozenset("on off disable enableextensions enabledelayedexpansion".split())


def _word(lexer, m):
    word = m.group(1)
    if word in DEVICES:
        lexer.groups("kr", "err")
    elif word in KEYWORDS:
        lexer.groups("k", "err")
    elif word in OPERATOR_WORDS:
        lexer.groups("ow", "err")
    elif word in BUILTIN_COMMANDS or word in OTHER_COMMANDS:
        lexer.token("nb")
    elif word in ATTRIBUTES:
        lexer.groups("na", "err")
    else:  # Rouge tests `"set".casecmp m[1]`, an Integer: always true
        lexer.groups("kd", "err")


class BatchfileLexer(RougeLexer):
    STATES = {
        "basic": [
            # @?\brem\b.*$ spelt with the \b first, so that it is matched as Rouge's
            # StringScanner does (a word boundary at the scan position)
            (r"(?:\b(?i:rem)\b.*$|@\b(?i:rem)\b.*$)", "c", None),
            (r"^::.*$", "c", None),
            (r"(?i::[a-z]+)", "nl", None),
            (r"(?i:([a-z]\w*)(\.exe|com|bat|cmd|msi)?)", _word, None),
            (r"(?i:((?:[\/\+]|--?)[a-z]+)\s*)", "na", None),
            ("mixin", "expansions"),
            (r"[<>&|(){}\[\]\-+=;,~?*]", "o", None),
        ],
        "escape": [
            (r"\^.", "se", None, True),
        ],
        "expansions": [
            (r"(?i:[%!]+([a-z_$@#]+)[%!]+)", "nv", None),
            (r"(?i:(\%+~?[a-z]+\d?))", "vm", None),
        ],
        "double_quotes": [
            ("mixin", "escape"),
            (r"[\"]", "s2", "#pop"),
            ("mixin", "expansions"),
            (r"[^\^\"%!]+", "s2", None),
        ],
        "single_quotes": [
            ("mixin", "escape"),
            (r"[']", "s1", "#pop"),
            ("mixin", "expansions"),
            (r"[^\^'%!]+", "s1", None),
        ],
        "backtick": [
            ("mixin", "escape"),
            (r"[`]", "sb", "#pop"),
            ("mixin", "expansions"),
            (r"[^\^`%!]+", "sb", None),
        ],
        "data": [
            (r"\s+", "", None),
            (r"(?i:0x[0-9a-f]+)", "mh", None),
            (r"[0-9]", "m", None),
            (r"[\"]", "s2", "double_quotes"),
            (r"[']", "s1", "single_quotes"),
            (r"[`]", "sb", "backtick"),
            (r"[^\s&|()\[\]{}\^=;!%+\-,\"'`~?*]+", "", None),
            ("mixin", "escape"),
        ],
        "root": [
            ("mixin", "basic"),
            ("mixin", "data"),
        ],
    }
