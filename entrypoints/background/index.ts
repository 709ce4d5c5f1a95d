// Background service worker: wires browser events to the engine (the recorder arrives with the extension issue).
import { defineBackground } from 'wxt/utils/define-background';

export default defineBackground(() => {});
