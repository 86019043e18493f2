# octave_kernel's settings for nnvec's notebooks (traitlets configuration).
# `make setup` (scripts/setup-notebooks.sh) copies this file into the venv's
# Jupyter configuration folder, .venv/etc/jupyter, where octave_kernel reads it.
c = get_config()  # noqa: F821 (traitlets defines it when it loads the file)

# Octave writes its command history on exit, and in a session that failed it
# prints "error: ignoring const execution_exception& while preparing to exit"
# doing so (nnvec.bridge.octave_env): no history, and no startup files, as
# every Octave nnvec starts.
#
# Octave says "using the gnuplot graphics toolkit is discouraged" (warning
# Octave:gnuplot-graphics) when the kernel selects gnuplot below, into the
# first cell's output: turned off by an --eval before the prompt (--persist
# goes on to the interactive session after it).
c.OctaveKernel.cli_options = (
    "--no-history --norc --persist --eval \"warning('off', 'Octave:gnuplot-graphics');\"")

# Plots drawn headless: gnuplot (Debian's gnuplot-nox) renders invisible
# figures, which the kernel prints as SVG after each cell and shows inline.
# SVG because gnuplot's PNG goes through Ghostscript, not installed.
c.OctaveKernel.inline_toolkit = "gnuplot"
c.OctaveKernel.plot_settings = {"backend": "inline", "format": "svg"}
