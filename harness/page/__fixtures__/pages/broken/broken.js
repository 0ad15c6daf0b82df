module.exports = { notAPage: true };
