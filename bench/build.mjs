// Bundles the benchmark and the fake DMXAPI it starts into out/bench-bundle/ (`npm run bench` runs this first).
// Packages stay external and load from node_modules, as the SDKs compared here would in any application.
import * as esbuild from 'esbuild';

await esbuild.build({
  entryPoints: {
    main: 'bench/main.ts',
    memoryProbe: 'bench/memoryProbe.ts',
    profile: 'bench/profile.ts',
    historyProbe: 'bench/historyProbe.ts',
    stallProbe: 'bench/stallProbe.ts',
    urlParts: 'bench/urlParts.ts',
    fakeDmxApi: 'test/fake-dmxapi/cli.ts',
  },
  outdir: 'out/bench-bundle',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
