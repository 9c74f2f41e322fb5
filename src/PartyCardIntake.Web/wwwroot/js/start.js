// Starts Blazor with the reconnection settings the server put in <meta name="pci-circuit">
// (Circuits:ReconnectAttempts, Circuits:ReconnectInterval), and wires the reconnection dialog's buttons.
(() => {
  const meta = document.querySelector('meta[name="pci-circuit"]');
  const settings = meta ? JSON.parse(meta.content) : {};
  const interval = settings.retryIntervalMilliseconds ?? 3000;
  Blazor.start({
    circuit: {
      reconnectionOptions: {
        maxRetries: settings.maxRetries ?? 200,
        // First attempts come quickly (a link that blinks), then at the configured pace.
        retryIntervalMilliseconds: (attempt) => (attempt < 3 ? 500 : interval),
      },
    },
  }).then(() => document.documentElement.setAttribute('data-circuit', 'up'));

  // The server no longer knows this circuit (its node restarted or died and another node answers): load the
  // page again. The browser is still signed in (sessions live in the database) and the page is rebuilt from it.
  document.getElementById('components-reconnect-modal')?.addEventListener('components-reconnect-state-changed', (e) => {
    if (e.detail?.state === 'rejected') location.reload();
  });

  async function retry() {
    try {
      if (await Blazor.reconnect()) return;
      // The server no longer holds the circuit: .NET 10 rebuilds it from its persisted state where it can.
      if (!(await Blazor.resumeCircuit())) location.reload();
    } catch {
      document.addEventListener('visibilitychange', retryWhenVisible);
    }
  }

  async function retryWhenVisible() {
    if (document.visibilityState !== 'visible') return;
    document.removeEventListener('visibilitychange', retryWhenVisible);
    await retry();
  }

  document.addEventListener('click', (e) => {
    const target = e.target instanceof Element ? e.target : null;
    if (target?.closest('#components-reconnect-button')) retry();
    if (target?.closest('#components-reload-button')) location.reload();
  });
})();
