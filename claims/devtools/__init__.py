"""Development tooling: synthetic load-test data (``datagen``), the demo fixture builder
(``demo_fixture``) and the benchmark's baseline views (``bench_urls``).

Reached only through the ``generate_data``, ``build_demo_fixture`` and ``demo_setup``
management commands, the bench scripts, and ``/bench/`` when ``CLAIMTRACKER_BENCH_VIEWS=1``.
Nothing on the runtime path (models, admin, API, importer, editing, URLs) imports this
package; tests/test_devtools_isolation.py checks it.
"""
