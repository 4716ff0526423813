"""Rouge 3.30 lexers/ruby.rb (tag ruby; rb)."""

from __future__ import annotations

from .engine import RougeLexer

KEYWORDS = r"""
    BEGIN END alias begin break case defined\? do else elsif end
    ensure for if in next redo rescue raise retry return super then
    undef unless until when while yield
""".split()

KEYWORDS_PSEUDO = """
    loop include extend raise
    alias_method attr catch throw private module_function
    public protected true false nil __FILE__ __LINE__
""".split()

BUILTINS_G = r"""
    attr_reader attr_writer attr_accessor

    __id__ __send__ abort ancestors at_exit autoload binding callcc
    caller catch chomp chop class_eval class_variables clone
    const_defined\? const_get const_missing const_set constants
    display dup eval exec exit extend fail fork format freeze
    getc gets global_variables gsub hash id included_modules
    inspect instance_eval instance_method instance_methods
    instance_variable_get instance_variable_set instance_variables
    lambda load local_variables loop method method_missing
    methods module_eval name object_id open p print printf
    private_class_method private_instance_methods private_methods proc
    protected_instance_methods protected_methods public_class_method
    public_instance_methods public_methods putc puts raise rand
    readline readlines require require_relative scan select self send set_trace_func
    singleton_methods sleep split sprintf srand sub syscall system
    taint test throw to_a to_s trace_var trap untaint untrace_var warn
""".split()

BUILTINS_Q = """
    autoload block_given const_defined eql equal frozen
    include instance_of is_a iterator kind_of method_defined
    nil private_method_defined protected_method_defined
    public_method_defined respond_to tainted
""".split()

BUILTINS_B = "chomp chop exit gsub sub".split()

DELIMITERS = {"{": "}", "[": "]", "(": ")", "<": ">"}
_RUBY_ESCAPED = set(".*?+^$|()[]{}\\/-# ")  # '/' is not escaped by Ruby, handled below


def regexp_escape(text: str) -> str:
    """Ruby's Regexp.escape."""
    out = []
    for ch in text:
        if ch in "\n\t\r\f\v":
            out.append({"\n": "\\n", "\t": "\\t", "\r": "\\r", "\f": "\\f", "\v": "\\v"}[ch])
        elif ch in _RUBY_ESCAPED and ch != "/":
            out.append("\\" + ch)
        else:
            out.append(ch)
    return "".join(out)


def squeeze(text: str) -> str:
    out = []
    for ch in text:
        if not out or out[-1] != ch:
            out.append(ch)
    return "".join(out)


def _sigil(lexer, m):
    open_ = regexp_escape(m.group(2))
    close = regexp_escape(DELIMITERS.get(m.group(2), m.group(2)))
    interp = m.group(1) is not None and m.group(1) in "rQWxI"
    toktype = "sx"
    if m.group(1) == "r":
        toktype = "sr"
        lexer.push("regex_flags")
    lexer.token(toktype)
    uniq_chars = squeeze(f"{open_}{close}")
    if open_ == close and open_ == "\\#":
        uniq_chars = ""
    rules = [(rf"\\[#{uniq_chars}\\]", "se", None)]
    if open_ != close:
        def nest(lx, mm):
            lx.token(toktype)
            lx.push()
        rules.append((open_, nest, None))
    rules.append((close, toktype, "#pop"))
    if interp:
        rules.append(("mixin", "string_intp_escaped"))
        rules.append((r"#", toktype, None))
    else:
        rules.append((r"[\\#]", toktype, None))
    rules.append((rf"[^#{uniq_chars}\\]+", toktype, None, True))
    lexer.push_rules(rules)


def _def(lexer, m):
    lexer.groups("k", "")
    lexer.push("funcname")


def _class(lexer, m):
    lexer.groups("k", "")
    lexer.push("classname")


def _method(lexer, m):
    lexer.groups("p", "", "nf")
    lexer.push("method_call")


def _question(lexer, m):
    lexer.token("p")
    lexer.push("ternary")
    lexer.push("expr_start")


def _heredoc(lexer, m):
    lexer.token("o", m.group(1))
    lexer.token("no", f"{m.group(2) or ''}{m.group(3) or ''}{m.group(4) or ''}")
    lexer.heredoc_queue.append((m.group(1) in ("<<-", "<<~"), m.group(3)))
    if lexer.stack[-1] != "heredoc_queue":
        lexer.push("heredoc_queue")


def _empty_heredoc(lexer, m):
    lexer.token("o", m.group(1))
    lexer.token("no", f"{m.group(2) or ''}{m.group(3) or ''}")
    lexer.heredoc_queue.append((m.group(1) in ("<<-", "<<~"), ""))
    if lexer.stack[-1] != "heredoc_queue":
        lexer.push("heredoc_queue")


def _test_heredoc(lexer, m):
    tolerant, name = lexer.heredoc_queue[0]
    ws = " \t\n\v\f\r\0"
    check = m.group(0).strip(ws) if tolerant else m.group(0).rstrip(ws)
    if check == name:
        lexer.heredoc_queue.pop(0)
        if not lexer.heredoc_queue:
            lexer.pop()
        lexer.token("no")
    else:
        lexer.token("sh")
    lexer.pop()


def _pop(lexer, m):
    lexer.pop()


def _goto(state, token=None, groups=None, push=()):
    def action(lexer, m):
        if groups:
            lexer.groups(*groups)
        elif token is not None:
            lexer.token(token)
        lexer.goto(state)
        for name in push:
            lexer.push(name)
    return action


def _push_after(token, *states):
    def action(lexer, m):
        lexer.token(token)
        for name in states:
            lexer.push(name)
    return action


def _funcname(lexer, m):
    lexer.groups("nc", "o", "nf")
    lexer.pop()


def _defexpr_close(lexer, m):
    lexer.groups("p", "o")
    lexer.pop()


DECIMAL = r"[\d]+(?:_\d+)*"
EXP = r"(?i:e[+-]?\d+)"


class RubyLexer(RougeLexer):
    START = ["root", "expr_start"]

    def __init__(self):
        super().__init__()
        self.heredoc_queue: list[tuple[bool, str]] = []

    STATES = {
        "symbols": [
            (r"(?i):@{0,2}[a-z_]\w*[!?]?", "ss", None),
            (r":(?:\*\*|[-+]@|[/\%&\|^`~]|\[\]=?|<<|>>|<=?>|<=?|===?)", "ss", None),
            (r":'(\\\\|\\'|[^'])*'", "ss", None),
            (r":\"", "ss", "simple_sym"),
        ],
        "sigil_strings": [
            (r"%([rqswQWxiI])?([^\w\s])", _sigil, None),
        ],
        "strings": [
            ("mixin", "symbols"),
            (r"\b[a-z_]\w*?[?!]?:\s+", "ss", "expr_start"),
            (r"'(\\\\|\\'|[^'])*'", "s1", None),
            (r"\"", "s2", "simple_string"),
            (r"(?<!\.)`", "sb", "simple_backtick"),
        ],
        "regex_flags": [
            (r"[mixounse]*", "sr", "#pop"),
        ],
        "simple_string": [
            ("mixin", "string_intp_escaped"),
            (r"[^\\\"#]+", "s2", None, True),
            (r"[\\#]", "s2", None),
            (r"\"", "s2", "#pop"),
        ],
        "simple_sym": [
            ("mixin", "string_intp_escaped"),
            (r"[^\\\"#]+", "ss", None, True),
            (r"[\\#]", "ss", None),
            (r"\"", "ss", "#pop"),
        ],
        "simple_backtick": [
            ("mixin", "string_intp_escaped"),
            (r"[^\\`#]+", "sb", None, True),
            (r"[\\#]", "sb", None),
            (r"`", "sb", "#pop"),
        ],
        "whitespace": [
            ("mixin", "inline_whitespace"),
            (r"\n\s*", "", "expr_start", True),
            (r"#.*$", "c1", None),
            (r"=begin\b.*?\n=end\b", "cm", None, True),
        ],
        "inline_whitespace": [
            (r"[ \t\r]+", "", None),
        ],
        "root": [
            ("mixin", "whitespace"),
            (r"__END__", "cp", "end_part"),
            (r"0_?[0-7]+(?:_[0-7]+)*", "mo", None),
            (r"0x[0-9A-Fa-f]+(?:_[0-9A-Fa-f]+)*", "mh", None),
            (r"0b[01]+(?:_[01]+)*", "mb", None),
            (rf"(?:{DECIMAL})(?:\.(?:{DECIMAL}){EXP}?|{EXP})", "mf", None),
            (DECIMAL, "mi", None),
            (r"(?i)@@[a-z_]\w*", "vc", None),
            (r"(?i)@[a-z_]\w*", "vi", None),
            (r"\$\w+", "vg", None),
            (r"\$[!@&`'+~=/\\,;.<>_*\$?:\"]", "vg", None),
            (r"\$-[0adFiIlpvw]", "vg", None),
            (r"::", "o", None),
            ("mixin", "strings"),
            (rf"(?:{'|'.join(KEYWORDS)})(?=\W|$)", "k", "expr_start"),
            (rf"(?:{'|'.join(KEYWORDS_PSEUDO)})\b", "kp", "expr_start"),
            (r"(module)(\s+)([a-zA-Z_][a-zA-Z0-9_]*(::[a-zA-Z_][a-zA-Z0-9_]*)*)",
             lambda lx, m: lx.groups("k", "", "nn"), None),
            (r"(def\b)(\s*)", _def, None),
            (r"(class\b)(\s*)", _class, None),
            (rf"(?:{'|'.join(BUILTINS_Q)})[?]", "nb", "expr_start"),
            (rf"(?:{'|'.join(BUILTINS_B)})!", "nb", "expr_start"),
            (rf"(?<!\.)(?:{'|'.join(BUILTINS_G)})\b", "nb", "method_call"),
            ("mixin", "has_heredocs"),
            (r"\.{2,3}", "o", "expr_start"),
            (r"[A-Z][a-zA-Z0-9_]*", "no", "method_call"),
            (r"(\.|::)(\s*)([a-z_]\w*[!?]?|[*%&^`~+-\/\[<>=])", _method, None),
            (r"[a-zA-Z_]\w*[?!]", "n", "expr_start"),
            (r"[a-zA-Z_]\w*", "n", "method_call"),
            (r"\*\*|<<?|>>?|>=|<=|<=>|=~|={3}|!~|&&?|\|\||\.", "o", "expr_start"),
            (r"[-+\/*%=<>&!^|~]=?", "o", "expr_start"),
            (r"[?]", _question, None),
            (r"[\[({,:\\;/]", "p", "expr_start"),
            (r"[\])}]", "p", None),
        ],
        "has_heredocs": [
            (r"(?<!\w)(<<[-~]?)([\"`']?)([a-zA-Z_]\w*)(\2)", _heredoc, None),
            (r"(<<[-~]?)([\"'])(\2)", _empty_heredoc, None),
        ],
        "heredoc_queue": [
            (r"(?=\n)", _goto("resolve_heredocs"), None),
            ("mixin", "root"),
        ],
        "resolve_heredocs": [
            ("mixin", "string_intp_escaped"),
            (r"\n", "sh", "test_heredoc"),
            (r"[#\\\n]", "sh", None),
            (r"[^#\\\n]+", "sh", None),
        ],
        "test_heredoc": [
            (r"[^#\\\n]*$", _test_heredoc, None),
            (r"", _pop, None),
        ],
        "funcname": [
            (r"\s+", "", None),
            (r"\(", "p", "defexpr"),
            (r"(?:([a-zA-Z_]\w*)(\.))?([a-zA-Z_]\w*[!?]?|\*\*?|[-+]@?|[/%&\|^`~]|\[\]=?|<<?|>>?|<=>?|>=|===?)",
             _funcname, None),
            (r"", _pop, None),
        ],
        "classname": [
            (r"\s+", "", None),
            (r"\w+(::\w+)+", "nc", None),
            (r"\(", _push_after("p", "defexpr", "expr_start"), None),
            (r"<<", _goto("expr_start", token="o"), None),
            (r"[A-Z_]\w*", "nc", "#pop"),
            (r"", _pop, None),
        ],
        "ternary": [
            (r"(:)(\s+)", _goto("expr_start", groups=("p", "")), None),
            (r":(?![^#\n]*?[:\\])", _goto("expr_start", token="p"), None),
            ("mixin", "root"),
        ],
        "defexpr": [
            (r"(\))(\.|::)?", _defexpr_close, None),
            (r"\(", _push_after("p", "defexpr", "expr_start"), None),
            ("mixin", "root"),
        ],
        "in_interp": [
            (r"}", "si", "#pop"),
            ("mixin", "root"),
        ],
        "string_intp": [
            (r"[#][{]", "si", "in_interp"),
            (r"(?i)#(@@?|\$)[a-z_]\w*", "si", None),
        ],
        "string_intp_escaped": [
            ("mixin", "string_intp"),
            (r"\\([\\abefnrstv#\"']|x[a-fA-F0-9]{1,2}|[0-7]{1,3})", "se", None),
            (r"\\.", "se", None),
        ],
        "method_call": [
            (r"/|%", _goto("expr_start", token="o"), None),
            (r"(?=\n)", _pop, None),
            (r"", _goto("method_call_spaced"), None),
        ],
        "method_call_spaced": [
            ("mixin", "whitespace"),
            (r"[%/]=", _goto("expr_start", token="o"), None),
            (r"(/)(?=\S|\s*/)", _goto("slash_regex", token="sr"), None),
            ("mixin", "sigil_strings"),
            (r"(?=\s*/)", _pop, None),
            (r"\s+", _goto("expr_start", token=""), None),
            (r"", _pop, None),
        ],
        "expr_start": [
            ("mixin", "inline_whitespace"),
            (r"/", _goto("slash_regex", token="sr"), None),
            (r"[?](\\[MC]-)*(\\([\\abefnrstv#\"']|x[a-fA-F0-9]{1,2}|[0-7]{1,3})|\S)(?!\w)", "sc", "#pop"),
            (r"(\s*)(%[rqswQWxiI]? \S* )", lambda lx, m: (lx.groups("", "sx"), lx.pop()), None),
            ("mixin", "sigil_strings"),
            (r"", _pop, None),
        ],
        "slash_regex": [
            ("mixin", "string_intp"),
            (r"\\\\", "sr", None),
            (r"\\/", "sr", None),
            (r"[\\#]", "sr", None),
            (r"[^\\/#]+", "sr", None, True),
            (r"/", _goto("regex_flags", token="sr"), None),
        ],
        "end_part": [
            (r".+", "cp", "#pop", True),
        ],
    }
