/**
 * Unit tests of the message catalogue: both languages complete and consistent. The sources import
 * each other with the `.js` the browser needs; jest reads the `.ts` behind them.
 */
module.exports = require('../../jest.preset.js')({
  displayName: 'messages',
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
});
