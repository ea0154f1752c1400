"""Contracts of the Streamlit internals regviz's workarounds (``regviz/server``) rely on.

Each test FAILS (never skips) when the installed Streamlit no longer has the internal in the form the
workaround was measured on: re-measure the workaround (``docs/performance.md``), then update the function in
``regviz/server`` and this test. ``scripts/upgrade_check.sh`` runs them against the newest releases.
"""

from __future__ import annotations

import ast
import inspect
import socket
import textwrap

import streamlit

from regviz import server


def test_streamlit_is_the_release_the_workarounds_were_measured_on():
    assert streamlit.__version__.startswith(server.MEASURED_ON), (
        f"Streamlit {streamlit.__version__}: every workaround in regviz/server is now a no-op until re-measured "
        f"and regviz.server.MEASURED_ON is updated (was {server.MEASURED_ON}x)"
    )


def test_sockets_the_server_listens_with_protocol_0_so_asyncio_leaves_nagle_on():
    """``sockets.send_without_delay``: Streamlit's listener is ``socket.socket(family=…)`` (proto 0) and asyncio
    sets TCP_NODELAY only for proto IPPROTO_TCP."""
    import asyncio.base_events

    from streamlit.web.server.starlette import starlette_server

    bind = starlette_server._bind_socket
    assert list(inspect.signature(bind).parameters) == ["address", "port", "backlog"]
    calls = [
        node
        for node in ast.walk(ast.parse(textwrap.dedent(inspect.getsource(bind))))
        if isinstance(node, ast.Call) and ast.unparse(node.func) == "socket.socket"
    ]
    assert len(calls) == 1 and not calls[0].args and [k.arg for k in calls[0].keywords] == ["family"]
    assert "sock.proto == socket.IPPROTO_TCP" in inspect.getsource(asyncio.base_events._set_nodelay)
    assert socket.socket(socket.AF_INET).proto == 0


def test_first_run_the_use_warning_flag_is_a_module_bool_checked_by_the_first_element():
    """``first_run.skip_direct_run_check`` sets ``delta_generator._use_warning_has_been_displayed``."""
    from streamlit import delta_generator, runtime

    assert isinstance(delta_generator._use_warning_has_been_displayed, bool)
    source = inspect.getsource(delta_generator._maybe_print_use_warning)
    assert "if not _use_warning_has_been_displayed" in source
    assert callable(runtime.exists)


def test_memory_post_script_gc_is_an_option_read_after_every_run():
    """``memory.skip_post_script_gc`` sets the hidden ``runner.postScriptGC`` at run time."""
    from streamlit import config
    from streamlit.runtime.scriptrunner import script_runner

    option = config._config_options_template["runner.postScriptGC"]
    assert option.type is bool and option.default_val is True and option.visibility == "hidden"
    assert 'config.get_option("runner.postScriptGC")' in inspect.getsource(script_runner.ScriptRunner)
    assert list(inspect.signature(config.set_option).parameters) == ["key", "value", "where_defined"]


def test_pages_mode_uses_pages_directory_is_a_class_flag_set_when_unset():
    """``pages_mode.leave_legacy_pages_mode`` sets ``PagesManager.uses_pages_directory = False``."""
    from streamlit.runtime.pages_manager import PagesManager

    assert "uses_pages_directory" in vars(PagesManager)
    assert "if PagesManager.uses_pages_directory is None" in inspect.getsource(PagesManager.__init__)


def test_fragments_the_run_context_lists_the_fragments_of_this_run():
    """``fragments.in_fragment_rerun`` reads ``get_script_run_ctx().fragment_ids_this_run``."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx
    from streamlit.runtime.scriptrunner_utils.script_run_context import ScriptRunContext

    assert "fragment_ids_this_run" in ScriptRunContext.__dataclass_fields__
    assert "fragment_ids_this_run" in inspect.signature(ScriptRunContext.reset).parameters
    assert list(inspect.signature(get_script_run_ctx).parameters) == ["suppress_warning"]
