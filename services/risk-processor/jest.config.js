/** Unit tests of the risk processor's pure parts: the backtest's metrics, labels and command line. */
module.exports = require('../../jest.preset.js')({ displayName: 'risk-processor' });
