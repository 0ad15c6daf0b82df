// Two mistakes pages make: a second <live-pusher> (Q8), and a number attribute that is not a number.
Page({ data: {} });
