// Electron main entry: wires the lead's engine host (worker at out/main/engine-worker.js) into the app lifecycle.
import { join } from 'node:path';
import { app } from 'electron';
import { createEngineHost } from '../host/index';
import { ensureSampleCase } from '../host/sample';
import { startApp } from './lifecycle';

const workerPath = join(app.getAppPath(), 'out', 'main', 'engine-worker.js');

startApp({ createEngineHost: (casePath) => createEngineHost(casePath, { workerPath }), ensureSampleCase });
