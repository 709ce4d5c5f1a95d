// The extension in real Firefox ESR (MV2 build, WebDriver BiDi): the same scenarios as in Chromium.
import { firefoxDriver } from './support/extension-driver';
import { extensionScenarios } from './extension-scenarios';

extensionScenarios('Firefox', firefoxDriver);
