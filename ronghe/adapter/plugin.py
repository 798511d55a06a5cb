"""The ``ronghe`` MkDocs plugin: ``plugins: - ronghe`` in mkdocs.yml.

It translates MkDocs events into calls of the layers below (content → site → build)
and owns the one ``BuildSession`` that holds every state of the builds of a process.
No content logic lives here.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel

from ronghe.build import buildinfo
from ronghe.build.logs import LOG
from ronghe.build.postbuild import PostBuild, PostBuildContext
from ronghe.build.timings import Timings
from ronghe.content.errors import ContentInvalid
from ronghe.site.checking import load_checked, with_drafts
from ronghe.site.checklist_pages import HOME_MARKER, fill_home_marker
from ronghe.site.draft_preview import PREVIEW_TITLE, PREVIEW_URI, drafts, preview_pages
from ronghe.site.glossary_links import link_glossary_terms
from ronghe.site.home import HOME_URI, default_home
from ronghe.site.page_memo import site_salt
from ronghe.site.pages import generate_pages

from . import theme
from .config import RongheConfig
from .forked_pages import ForkedPages
from .forked_templates import ForkedTemplates
from .page_render import PageRender
from .page_store import articles, squeeze
from .session import BuildSession


class RonghePlugin(BasePlugin[RongheConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.session = BuildSession()

    # --- paths from the options (relative to mkdocs.yml) ---------------------------
    def _path(self, config, value: str) -> Path:
        return (Path(config.config_file_path or ".").resolve().parent / value).resolve()

    def content_dir(self, config) -> Path:
        return self._path(config, self.config.content_dir)

    # --- events ----------------------------------------------------------------------
    def on_startup(self, *, command, dirty):
        # `mkdocs serve --dirty` (make serve): rebuild only what an edit changes
        self.session = BuildSession.start(command, dirty)

    @event_priority(100)   # before the offline plugin looks at the polyfills
    def on_config(self, config):
        if not self.config.enabled:
            return config
        session = self.session
        session.timings = Timings(self._path(config, self.config.timings) if self.config.timings else None)
        content = self.content_dir(config)
        if not content.is_dir():
            raise PluginError(f"找不到内容目录：{content}（ronghe 插件的 content_dir 选项）。")
        with session.timings.phase("load_and_validate"):
            kb, result = load_checked(content, root=Path.cwd(), cache=session.content_cache)
        if result.errors:
            raise PluginError(ContentInvalid(result.errors.sorted()).report())
        if result.errors.warnings:   # not a warning of the engine: a strict build goes on
            LOG.info(result.errors.warnings_report())
        # PDFs and section introductions name the guide: from content/guide.yml, else from mkdocs.yml
        kb.identity = kb.identity.with_defaults(config.site_name, config.site_description or "")
        session.kb = kb
        session.drafts_kb = with_drafts(kb, result) if session.previews_drafts else None
        session.has_drafts = any(e.draft for e in result.entries)
        session.site.booklet_split = self.config.booklet_split
        if session.drafts_kb is not None and drafts(session.drafts_kb) and config.nav:
            config.nav.append({PREVIEW_TITLE: PREVIEW_URI})   # a tab only while there are drafts
        # content version and build time for the page footer (theme: partials/copyright.html)
        config.extra["build_info"] = buildinfo.collect(content).as_dict()
        theme.install(config)
        return config

    def on_files(self, files: Files, config) -> Files:
        if not self.config.enabled:
            return files
        session = self.session
        session.pages.clear()   # a failed build may have left pages held
        # here, not in on_config (which runs first, event_priority 100): other plugins' on_config
        # may have added Markdown extensions the short way does not know
        session.page_render = PageRender.for_config(config) if self.config.fast_pages else None
        nav_uris = set(theme.nav_paths(config.get("nav") or []))
        with session.timings.phase("generate_pages"):
            # a one-off build renders entry pages as the engine reads them (see on_pre_page)
            pages = generate_pages(session.kb, session.site, defer=not session.site.reuses_pages)
        session.deferred = {p.src_uri: p.render for p in pages if p.deferred}
        salt = site_salt(session.kb, Path(config.config_file_path).read_text(encoding="utf-8"))
        unchanged = session.site.unchanged_pages(config.site_dir, ((p.src_uri, p.markdown) for p in pages), salt)
        session.site_dir = config.site_dir
        session.postbuild = PostBuild(self._post_build_context(config), background=session.background)
        # PDFs need only the knowledge base: make them on the second core while pages render
        session.postbuild.start_early(session.kb, Path(config.site_dir))
        for page in pages:
            inclusion = InclusionLevel.UNDEFINED if page.src_uri in nav_uris else InclusionLevel.NOT_IN_NAV
            file = File.generated(config, page.src_uri, content="" if page.deferred else page.markdown,
                                  inclusion=inclusion)
            if page.src_uri in unchanged:
                file.is_modified = _unmodified  # a --dirty build skips it (its HTML is already there)
            files.append(file)
        theme.add_assets(files, config)
        if session.drafts_kb is not None:   # `ronghe serve` only: drafts marked 草稿, beside their source
            for uri, markdown in preview_pages(session.drafts_kb):
                files.append(File.generated(config, uri, content=markdown, inclusion=InclusionLevel.NOT_IN_NAV
                                            if uri != PREVIEW_URI else InclusionLevel.UNDEFINED))
        # a dirty rebuild writes only what it builds: the page of an entry deleted since the last build
        # stays in the served folder unless removed (once this build has succeeded, see on_post_build)
        session.building = ({f.dest_uri for f in files if f.generated_by is not None and f.is_documentation_page()},
                            {f.dest_uri for f in files})
        if files.get_file_from_path(HOME_URI) is None:   # a site that brings content only
            files.append(File.generated(config, HOME_URI, content=default_home(
                session.kb, config.site_name, config.site_description or "")))
        for file in files.documentation_pages():
            # a page holding the checklist marker shows content: a dirty build renders it again
            if file.abs_src_path and not file.generated_by and _holds_home_marker(file.abs_src_path):
                file.is_modified = _modified
        return files

    def on_nav(self, nav, config, files):
        # pages a dirty build skips are never read, but navigation titles come from their
        # front matter or first heading: read those in the navigation (a few dozen)
        for page in nav.pages:
            if page.markdown is None and not page.file.is_modified():
                page.read_source(config)
        self.session.fragments.reset(nav)   # pages outside the navigation share its rendering
        session = self.session
        session.timings.start("convert_pages")
        session.forked_pages = None
        if self.config.enabled and self.config.parallel and session.command != "serve":
            session.forked_pages = ForkedPages.start(config, files, session.pages,
                                                     lambda page: self._convert_in_child(page, config, files))
        return nav

    @event_priority(100)
    def on_pre_page(self, page, config, files):
        render = self.session.deferred.pop(page.file.src_uri, None)
        if render is not None:   # a deferred entry page: its Markdown now (not if the child converted it)
            forked = self.session.forked_pages
            page.file.content_string = "" if forked is not None and forked.converted(page) else render()
        return page

    def _convert_in_child(self, page, config, files) -> None:
        """What the site engine does to convert a page, in the process ForkedPages forked."""
        self.session.forked_pages = None
        config._current_page = page
        page = config.plugins.on_pre_page(page, config=config, files=files)
        page.read_source(config)
        page.markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)
        page.render(config, files)
        page.content = config.plugins.on_page_content(page.content, page=page, config=config, files=files)
        config._current_page = None

    def on_env(self, env, config, files):
        if self.session.forked_pages is not None:
            self.session.forked_pages.finish()
        self.session.timings.stop("convert_pages")
        self.session.timings.start("template_pages")
        if self.config.enabled and self.session.postbuild is not None:
            # every page is converted: the search index can be made while the templates are rendered
            self.session.postbuild.start_converted(self.session.kb, Path(config.site_dir),
                                                   articles(files, self.session.pages, config.site_name))
        self.session.fragments.attach(env)
        if self.config.enabled and self.config.parallel and self.session.command != "serve":
            # the second core renders about half of the generated pages' templates
            self.session.forked_templates = ForkedTemplates.install(
                sum(1 for f in files.documentation_pages() if f.generated_by is not None))
        if self.session.templates is not None:   # dev server: compiled templates reused between rebuilds
            self.session.templates.attach(env)
        return env

    def on_page_markdown(self, markdown, page, config, files):
        # ronghe.build.search writes the search index after the build; Material's plugin indexes nothing
        page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
        forked = self.session.forked_pages
        if forked is not None and forked.converted(page):
            forked.skip_render(page)
            return ""
        if self.session.page_render is not None and page.file.generated_by is not None:
            self.session.page_render.install(page)
        # the home page's links to each level's checklist
        return fill_home_marker(self.session.kb, markdown, page.file.src_uri)

    @event_priority(-100)   # last: the page's HTML is then held compressed until its template
    def on_page_content(self, html, page, config, files):
        forked = self.session.forked_pages
        if forked is not None and forked.converted(page):
            forked.apply(page, files, self.session.pages)
            return ""
        # relationship maps skip the Markdown converter (ronghe.site.markup.RawHtmlStore);
        # the first mention of a glossary term links to its entry, with a tooltip
        html = self.session.site.raw.expand(html)
        html = link_glossary_terms(self.session.kb, html, page.file.dest_uri)
        if not self.config.enabled:
            return html
        if page.file.generated_by is not None:
            # converted: nothing reads a generated page's Markdown again (20,000 of them held 0.2 GB)
            page.markdown = ""
            page.file.content_string = ""
        return self.session.pages.hold(page, html)

    @event_priority(100)
    def on_page_context(self, context, page, config, nav):
        self.session.pages.give_back(page)
        return context

    @event_priority(-100)
    def on_post_page(self, output, page, config):
        self.session.pages.forget(page)   # written next; nothing reads the page's HTML again
        return squeeze(output) if self.config.enabled else output

    def on_template_context(self, context, template_name, config):
        return theme.template_context(context, template_name, config)

    @event_priority(-50)   # after Material's search plugin wrote its index, before the offline plugin
    def on_post_build(self, *, config):
        if self.session.forked_templates is not None:
            self.session.forked_templates.finish()
            self.session.forked_templates = None
        self.session.timings.stop("template_pages")
        if not self.config.enabled:
            return
        generated, written = self.session.building
        if self.session.incremental:
            remove_gone_pages(Path(config.site_dir), self.session.generated - written)
        self.session.generated = generated
        self.session.postbuild.finish(self.session.kb, Path(config.site_dir))

    def on_build_error(self, *, error):
        self.session.build_failed()

    def on_serve(self, server, *, config, builder):
        # rebuild when content changes
        self.session.watcher.watch(server, str(self.content_dir(config)), notify=self.config.watch == "notify")
        return server

    def on_shutdown(self):
        self.session.stop()

    def _post_build_context(self, config) -> PostBuildContext:
        root = Path(config.config_file_path).resolve().parent
        return PostBuildContext(project_root=root, content_dir=self.content_dir(config),
                                cache_dir=self._path(config, self.config.cache_dir),
                                site_url=config.get("site_url") or "",
                                extra={"build_info": config.extra.get("build_info")},
                                pdf=self.config.pdf, parallel=self.config.parallel,
                                pdf_workers=self.config.pdf_workers, timings=self.session.timings,
                                booklet_split=self.config.booklet_split)


def remove_gone_pages(site_dir: Path, gone) -> None:
    """The built files of pages no longer generated (an entry deleted while the dev server runs)."""
    for dest in sorted(gone):
        path = site_dir / dest
        if path.is_file() and path.resolve().is_relative_to(site_dir.resolve()):
            path.unlink()
            LOG.info("已删除不再生成的页面：%s", dest)


def _unmodified() -> bool:
    return False


def _modified() -> bool:
    return True


def _holds_home_marker(path: str) -> bool:
    try:
        return HOME_MARKER in Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
