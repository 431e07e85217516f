/** Unit tests of the risk rules: pure functions over a person's state, one table per rule. */
module.exports = require('../../jest.preset.js')({ displayName: 'risk-rules' });
