/** The simulator's generator: deterministic, valid records, the ground truth it promises. */
module.exports = require('../../jest.preset.js')({ displayName: 'simulator' });
