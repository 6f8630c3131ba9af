"""The core's own codes (``E…``): files that could not be read, plugin failures.

They are rules like any other for ``fiscalint rules``, ``explain`` and SARIF,
but the engine reports them itself. ``fatal`` codes make the exit status 2:
the file was not (fully) checked.
"""

from __future__ import annotations

from typing import ClassVar

from fiscalint.rule import Rule


class CoreRule(Rule):
    core: ClassVar[bool] = True
    fatal: ClassVar[bool] = True
    tags = ("core",)


class FileUnreadable(CoreRule):
    code = "E001"
    name = "file-unreadable"
    level = "error"
    summary = "文件不存在或无法读取"
    summary_en = "File does not exist or cannot be read"
    help = """路径不存在、没有读取权限，或是目录循环。检查路径和权限后重试；其余文件照常检查。"""
    help_en = """The path does not exist, cannot be read (permissions), or loops. Other files are still checked."""


class UnsupportedFormat(CoreRule):
    code = "E002"
    name = "unsupported-format"
    level = "error"
    summary = "不支持的文件格式，请转换为 DOCX 或 PDF"
    summary_en = "Unsupported file format; convert it to DOCX or PDF"
    help = """fiscalint 读取 .docx、.pdf、.txt 和 .md。旧版 Word（.doc）和 WPS（.wps）文件请用 Word、WPS
或 `libreoffice --headless --convert-to docx 文件.doc` 另存为 .docx 后再检查。"""
    help_en = """fiscalint reads .docx, .pdf, .txt and .md. Save old Word (.doc) and WPS (.wps) files as .docx
(Word, WPS, or `libreoffice --headless --convert-to docx file.doc`) and check again."""


class CorruptFile(CoreRule):
    code = "E003"
    name = "corrupt-file"
    level = "error"
    summary = "文件已损坏，无法解析"
    summary_en = "File is corrupt and cannot be parsed"
    help = """文件内容不完整或结构损坏（例如 DOCX 压缩包被截断、XML 出错、PDF 交叉引用表损坏）。
请从原始文档重新导出。"""
    help_en = """The file is truncated or its structure is broken (a cut DOCX zip, broken XML, a broken PDF
xref table). Export it again from the original document."""


class EncryptedFile(CoreRule):
    code = "E004"
    name = "encrypted-file"
    level = "error"
    summary = "文件已加密或设有打开密码"
    summary_en = "File is encrypted or password-protected"
    help = """加密的文件无法读取。请去掉打开密码后另存一份再检查；fiscalint 从不修改输入文件。"""
    help_en = """Encrypted files cannot be read. Save a copy without the password and check that."""


class NoTextLayer(CoreRule):
    code = "E005"
    name = "no-text-layer"
    level = "error"
    summary = "PDF 没有文字层（扫描件），需要先做文字识别（OCR）"
    summary_en = "PDF has no text layer (scanned); it needs OCR first"
    help = """PDF 的页面只有图像、没有可提取的文字，多为扫描件。请用带文字层的原始 PDF，
或先做 OCR（例如 `ocrmypdf --language chi_sim in.pdf out.pdf`）。"""
    help_en = """The PDF pages hold images and no extractable text, usually a scan. Use the original PDF
with a text layer, or run OCR first (e.g. `ocrmypdf --language chi_sim in.pdf out.pdf`)."""


class EncodingGuessed(CoreRule):
    code = "E006"
    name = "encoding-guessed"
    level = "note"
    fatal = False
    summary = "文本文件不是 UTF-8，已按识别出的编码读取"
    summary_en = "Text file is not UTF-8; read with the detected encoding"
    help = """文本文件按 GB18030/GBK 或 UTF-16 读取。建议另存为 UTF-8，以免其他工具误读。"""
    help_en = """The text file was read as GB18030/GBK or UTF-16. Save it as UTF-8 so other tools read it too."""


class InvalidBytes(CoreRule):
    code = "E007"
    name = "invalid-bytes"
    level = "warning"
    fatal = False
    summary = "文本含有无法解码的字节，已替换为 �"
    summary_en = "Text has bytes that cannot be decoded; replaced with �"
    help = """文件中有既不是 UTF-8 也不是 GB18030 的字节，这些位置的数字可能读错，请检查原文件。"""
    help_en = """Some bytes are neither UTF-8 nor GB18030; figures at those places may be misread."""


class LimitExceeded(CoreRule):
    code = "E008"
    name = "limit-exceeded"
    level = "error"
    summary = "文件超出限制（大小、页数、字符数或时间），未完整检查"
    summary_en = "File exceeds a limit (size, pages, characters or time); not fully checked"
    help = """为防止异常文件耗尽内存或时间，fiscalint 对单个文件设有上限：`max-file-size`、`max-pages`、
`max-chars`、`file-timeout`，可在配置中调整。"""
    help_en = """Limits protect against pathological files: `max-file-size`, `max-pages`, `max-chars`,
`file-timeout`; all are configurable."""


class WrongExtension(CoreRule):
    code = "E009"
    name = "wrong-extension"
    level = "warning"
    fatal = False
    summary = "文件扩展名与内容不符，已按实际内容读取"
    summary_en = "File extension does not match its content; read by content"
    help = """例如扩展名为 .docx 的 PDF 文件。fiscalint 按文件实际格式读取，建议改正扩展名。"""
    help_en = """For example a PDF named .docx. fiscalint reads the file by its content; fix the extension."""


class PluginError(CoreRule):
    code = "E900"
    name = "plugin-error"
    level = "error"
    summary = "规则插件运行出错，该规则的结果不完整"
    summary_en = "A rule plugin raised an error; that rule's results are incomplete"
    help = """某条规则在检查此文件时抛出异常或超时。消息中写明插件和规则代码；其余规则的结果照常保留。
请把文件和消息报告给插件作者。"""
    help_en = """A rule raised or timed out on this file. The message names the plugin and rule; the other
rules' findings are kept. Report the file and message to the plugin's author."""


class InternalError(CoreRule):
    code = "E999"
    name = "internal-error"
    level = "error"
    summary = "fiscalint 内部错误"
    summary_en = "fiscalint internal error"
    help = """检查此文件时 fiscalint 出现内部错误。加 `--debug` 可看到完整的 Python 调用栈，请附上报告问题。"""
    help_en = """fiscalint failed internally on this file. Run with `--debug` for the traceback and report it."""


class UnusedSuppression(CoreRule):
    code = "SUP001"
    name = "unused-suppression"
    level = "warning"
    fatal = False
    summary = "抑制标记没有匹配到任何问题"
    summary_en = "Suppression matches no finding"
    help = """`<!-- fiscalint: disable=CODE -->` 标记或 Word 批注“fiscalint: disable=CODE”所在位置已经没有该问题，
可以删除这个标记（与 ruff 的 RUF100 相同）。"""
    help_en = """A `fiscalint: disable=CODE` marker or Word comment no longer matches any finding; remove it
(like ruff's RUF100)."""


CORE_RULES: tuple[type[CoreRule], ...] = (
    FileUnreadable,
    UnsupportedFormat,
    CorruptFile,
    EncryptedFile,
    NoTextLayer,
    EncodingGuessed,
    InvalidBytes,
    LimitExceeded,
    WrongExtension,
    PluginError,
    InternalError,
    UnusedSuppression,
)
CORE_BY_CODE = {r.code: r for r in CORE_RULES}


def is_core(code: str) -> bool:
    """E001…E999: the engine's own codes (not EMPTY…, which is a rule family)."""
    return len(code) == 4 and code[0] == "E" and code[1:].isdigit()


def is_fatal(code: str) -> bool:
    rule = CORE_BY_CODE.get(code)
    return bool(rule and rule.fatal)
