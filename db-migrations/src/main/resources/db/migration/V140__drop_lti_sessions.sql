-- LTI launches open their browser sessions in web_sessions (opened_by = 'LTI'), like the sign-in
-- page: one session store, one filter, one sign-out. Launch sessions still open here end; the
-- student launches again from the LMS.
DROP TABLE lti_sessions;
