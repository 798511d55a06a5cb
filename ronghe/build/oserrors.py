"""What the operating system refused, said in Chinese: which path, why, and what to do.

A build writes thousands of files; the disk can be full, a folder read-only or
immutable, a file-size limit set. Python raises ``OSError`` with an English
``strerror``; ``explain`` turns it into a line an editor can act on. The traceback is
shown only with ``--verbose``.
"""

from __future__ import annotations

import errno
import os
import signal

# errno -> (what happened, what to do)
_EXPLAINED = {
    errno.ENOSPC: ("磁盘空间已满", "请清理磁盘（例如删除旧的 dist/、.bench/ 或其他大文件）后重新构建；"
                                   "构建需要约为现有站点两倍的空间（新站点生成好才替换旧站点）。"),
    errno.EDQUOT: ("磁盘配额已用完", "请清理文件或请管理员提高配额后重新构建。"),
    errno.EFBIG: ("文件大小超过了系统允许的上限（ulimit -f）", "请解除文件大小限制（ulimit -f unlimited）后重新构建，"
                                                          "或检查是否有内容文件过大。"),
    errno.EROFS: ("所在的文件系统是只读的", "请把站点输出到可写的目录（ronghe build --site-dir 目录），"
                                          "或请管理员以读写方式挂载。"),
    errno.EACCES: ("没有写入或访问权限", "请检查这个目录的所有者和权限（ls -ld），或换一个有权限的输出目录"
                                      "（ronghe build --site-dir 目录）。"),
    errno.EPERM: ("操作不被允许（目录可能被设为不可修改，例如 chattr +i）",
                  "请检查权限和不可修改属性（lsattr -d 目录；需要时 chattr -i 目录），或换一个输出目录。"),
    errno.ENOTDIR: ("路径中有一段不是目录而是文件", "请检查输出目录的路径：其中某一级是同名文件，请改名或换一个目录。"),
    errno.EISDIR: ("这里需要文件，却是一个目录", "请检查路径，删除或改名这个目录。"),
    errno.ENOENT: ("文件或目录不存在（可能在构建过程中被删除或移走）", "请确认没有其他程序同时改动这个目录，然后重新构建。"),
    errno.EEXIST: ("文件或目录已存在", "请删除或改名这个路径后重新构建。"),
    errno.ENOTEMPTY: ("目录不为空，无法替换", "请手动删除或改名这个目录后重新构建。"),
    errno.EBUSY: ("目录正被其他程序使用（例如是挂载点或正在被服务）", "请停止使用它的程序，或换一个输出目录。"),
    errno.EXDEV: ("不能跨文件系统移动", "请把站点输出到与其上级目录位于同一磁盘的位置。"),
    errno.EMFILE: ("同时打开的文件过多", "请提高打开文件数上限（ulimit -n）后重新构建。"),
    errno.ENAMETOOLONG: ("路径过长", "请换一个较短的输出目录。"),
    errno.ELOOP: ("路径中的符号链接形成了循环", "请检查输出目录路径中的符号链接。"),
    errno.EIO: ("磁盘读写出错", "磁盘可能有故障：请检查磁盘后重新构建。"),
}


def explain(exc: OSError, doing: str = "") -> str:
    """One or two Chinese lines for ``exc``: ``doing`` says what the build was doing
    (“写入站点文件”), the path comes from the exception."""
    code = exc.errno or 0
    if code == errno.EEXIST and exc.filename and os.path.isfile(exc.filename):
        code = errno.ENOTDIR   # makedirs through a file: "exists", but the trouble is that it is a file
    what, todo = _EXPLAINED.get(code, (f"系统错误（{exc.strerror or exc}）", "请检查磁盘和目录权限后重新构建。"))
    paths = [p for p in (exc.filename, exc.filename2) if p]
    where = "：" + " → ".join(str(p) for p in paths) if paths else ""
    head = f"{doing}失败" if doing else "操作失败"
    name = errno.errorcode.get(exc.errno or 0, "")
    return f"{head}{where}\n    原因：{what}{f'（{name}）' if name else ''}。\n    处理办法：{todo}"


def file_size_limit_as_error() -> None:
    """Under a file-size limit (``ulimit -f``) a write beyond it kills the process with
    SIGXFSZ unless the signal is ignored; ignored, the write fails with EFBIG, which
    the build explains."""
    if hasattr(signal, "SIGXFSZ"):
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
